using FluentMigrator;

namespace LeadGrid.Migrations;

/// <summary>
/// SPEC §13: members sign in to their organization's settings. A role (the first member of each organization is its
/// admin), a password hash (ASP.NET Core Identity's format; null until set through an invite), one-time invites
/// (only the token's SHA-256 is stored; a new invite replaces the member's earlier ones), and failed sign-ins per
/// email for the lockout (five within 15 minutes lock the email for 15 minutes, known or not).
/// </summary>
[Migration(10, "Member sign-in")]
public sealed class M0010_MemberSignIn : Migration
{
    public override void Up() => Execute.Sql("""
        ALTER TABLE members ADD COLUMN role text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member'));
        ALTER TABLE members ADD COLUMN password_hash text CHECK (length(password_hash) BETWEEN 1 AND 1000);
        UPDATE members m SET role = 'admin'
        WHERE m.id = (SELECT f.id FROM members f WHERE f.org_id = m.org_id ORDER BY f.created_at, f.id LIMIT 1);

        CREATE TABLE member_invites (
            token_hash  bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
            org_id      uuid        NOT NULL,
            member_id   uuid        NOT NULL REFERENCES members (id) ON DELETE CASCADE,
            created_at  timestamptz NOT NULL,
            expires_at  timestamptz NOT NULL
        );
        CREATE INDEX ix_member_invites_member ON member_invites (member_id);

        CREATE TABLE sign_in_failures (
            email         citext      PRIMARY KEY,
            failures      int         NOT NULL,
            window_start  timestamptz NOT NULL,
            locked_until  timestamptz
        );
        """);

    public override void Down() => Execute.Sql("""
        DROP TABLE sign_in_failures;
        DROP TABLE member_invites;
        ALTER TABLE members DROP COLUMN password_hash;
        ALTER TABLE members DROP COLUMN role;
        """);
}
