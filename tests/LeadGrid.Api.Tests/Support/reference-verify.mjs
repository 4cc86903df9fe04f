// The reference's signature check (leadgrid-api-reference.de.txt, "Signaturverifizierung"), verbatim but for its
// TypeScript annotations, run over every request a test received: argv[2] is a JSON file of [{header, body, secret}].
// Prints a JSON array of booleans.
import crypto from "node:crypto";
import fs from "node:fs";

export function verifyLeadGridSignature(
  header,
  body,
  secret,
) {
  const parts = Object.fromEntries(
    header.split(",").map((p) => p.split("=")),
  );
  const { t, v1 } = parts;
  const expected = crypto
    .createHmac("sha256", secret)
    .update(`${t}.${body}`)
    .digest("hex");
  return crypto.timingSafeEqual(
    Buffer.from(expected),
    Buffer.from(v1),
  );
}

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
console.log(JSON.stringify(cases.map((c) => {
  try { return verifyLeadGridSignature(c.header, c.body, c.secret); } catch { return false; }
})));
