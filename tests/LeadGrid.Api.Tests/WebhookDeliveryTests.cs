using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.Common;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadGrid.Api.Tests;

/// <summary>Deliveries to a real HTTP receiver on loopback: what arrives, signed how, retried when, recorded how.</summary>
public class WebhookDeliveryTests(ApiFactory factory) : WebhookTest(factory)
{
    [Fact]
    public async Task EveryEventType_ArrivesSigned_AsTheReferenceSnippetVerifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var secret = (await AddEndpointAsync(org, receiver.UrlFor("hooks"))).GetProperty("secret").GetString()!;
        var flow = (await ReadJsonAsync(await client.GetAsync("/api/v1/flows?type=sales"), HttpStatusCode.OK)).GetProperty("data")[0];
        var firstStage = Id(flow.GetProperty("stages")[0]);
        var secondStage = Id(flow.GetProperty("stages")[1]);

        var dossier = Id(await CreateDossierAsync(client));
        await client.PatchAsync($"/api/v1/dossiers/{dossier}", Body($$"""{"current_stage_id":"{{secondStage}}"}"""));
        await client.DeleteAsync($"/api/v1/dossiers/{dossier}");
        await client.PostAsJsonAsync($"/api/v1/dossiers/{dossier}/notes", new { content = "Followed up by email." });

        var received = await receiver.WaitForAsync(6);
        Assert.Equal(["dossier.created", "dossier.deleted", "dossier.stage_changed", "dossier.updated", "dossier.updated", "note.created"],
            received.Select(r => r.Json.GetProperty("type").GetString()).Order());
        foreach (var request in received)
        {
            var body = request.Json;
            Assert.Equal("application/json", request.Headers["Content-Type"]);
            Assert.Equal("LeadGrid-Webhooks/1", request.Headers["User-Agent"]);
            Assert.Equal(body.GetProperty("id").GetString(), request.EventId);
            Assert.Equal(body.GetProperty("type").GetString(), request.Headers["X-LeadGrid-Event-Type"]);
            Assert.StartsWith("evt_", request.EventId);
            var keys = body.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(["id", "type", "created_at", "data"], keys.Take(4));
            Assert.Equal(body.TryGetProperty("previous", out _) ? 5 : 4, keys.Length);
            // The body is the outbox's text, byte for byte.
            Assert.Equal((await QueryAsync<string>("SELECT payload::text FROM outbox WHERE event_id = @id", new { id = request.EventId })).Single(),
                request.Body);
        }

        var verdicts = await ReferenceSignature.VerifyAsync(received.Select(r => (r.Signature, r.Body, secret)));
        Assert.All(verdicts, Assert.True);
        Assert.All(received, r => Assert.True(LeadGridWebhook.Verify(r.Signature, r.Body, secret))); // the README's C#
        Assert.All(received, r => Assert.False(LeadGridWebhook.Verify(r.Signature, r.Body + " ", secret)));
        var forged = await ReferenceSignature.VerifyAsync(received.Select(r => (r.Signature, r.Body, secret + "x")));
        Assert.All(forged, Assert.False);

        var stageChanged = received.Single(r => r.Headers["X-LeadGrid-Event-Type"] == "dossier.stage_changed").Json;
        Assert.Equal(firstStage, Id(stageChanged.GetProperty("previous"), "current_stage_id"));
        Assert.Equal(secondStage, Id(stageChanged.GetProperty("data"), "current_stage_id"));
        var updates = received.Where(r => r.Headers["X-LeadGrid-Event-Type"] == "dossier.updated").Select(r => r.Json.GetProperty("previous")).ToArray();
        Assert.Contains(updates, p => p.TryGetProperty("current_stage_id", out var from) && from.GetGuid() == firstStage);
        Assert.Contains(updates, p => p.TryGetProperty("status", out var from) && from.GetString() == "active");
        var note = received.Single(r => r.Headers["X-LeadGrid-Event-Type"] == "note.created").Json.GetProperty("data");
        Assert.Equal("Followed up by email.", note.GetProperty("content").GetString());
    }

    [Fact]
    public async Task AnEvent_GoesToEachSubscribedEnabledEndpointOfItsOrganization_AndNowhereElse()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var (otherOrg, _) = await OrganizationWithClientAsync();
        var all = Id(await AddEndpointAsync(org, receiver.UrlFor("all")));
        var alsoAll = Id(await AddEndpointAsync(org, receiver.UrlFor("also-all")));
        var notesOnly = Id(await AddEndpointAsync(org, receiver.UrlFor("notes-only"), ["note.created"]));
        var disabled = Id(await AddEndpointAsync(org, receiver.UrlFor("disabled")));
        await PatchEndpointAsync(org, disabled, """{"enabled":false}""");
        var otherOrganizations = Id(await AddEndpointAsync(otherOrg, receiver.UrlFor("other-org")));

        await CreateDossierAsync(client);
        await WaitForFanOutAsync(org);

        Assert.Single(await DeliveryIdsAsync(all));
        Assert.Single(await DeliveryIdsAsync(alsoAll));
        Assert.Empty(await DeliveryIdsAsync(notesOnly));
        Assert.Empty(await DeliveryIdsAsync(disabled));
        Assert.Empty(await DeliveryIdsAsync(otherOrganizations));
        await receiver.WaitForAsync(2);
        Assert.Equal(["/all", "/also-all"], receiver.Received.Select(r => r.Path).Order());
    }

    [Fact]
    public async Task AFailedAttempt_IsRetriedOnTheSchedule_WithTheSameEventIdAndANewTimestamp()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((_, earlier) => earlier == 0 ? new ReceiverAnswer(500, "database down") : new ReceiverAnswer());
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("hooks")));

        await CreateDossierAsync(client);
        var first = (await receiver.WaitForAsync(1))[0];
        var delivery = (await DeliveryIdsAsync(endpoint)).Single();
        var pending = await WaitForDeliveryAsync(org, delivery, "pending");
        var attempt = pending.GetProperty("attempts")[0];
        Assert.Equal(500, attempt.GetProperty("status_code").GetInt32());
        Assert.Equal("database down", attempt.GetProperty("response_body").GetString());
        // Second attempt 5 s after the first, give or take the 10 % jitter.
        var next = pending.GetProperty("next_attempt_at").GetDateTimeOffset() - attempt.GetProperty("attempted_at").GetDateTimeOffset();
        Assert.InRange(next.TotalSeconds, 3.5, 6.5);

        Factory.Clock.Advance(TimeSpan.FromSeconds(7));
        var second = (await receiver.WaitForAsync(2))[1];
        Assert.Equal(first.EventId, second.EventId);
        Assert.Equal(first.Body, second.Body);
        Assert.True(second.Timestamp >= first.Timestamp + 5, $"t {first.Timestamp} then {second.Timestamp}");
        Assert.NotEqual(first.Signature, second.Signature);
        var done = await WaitForDeliveryAsync(org, delivery, "succeeded", 2);
        Assert.Equal([500, 200], done.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal(JsonValueKind.Null, done.GetProperty("next_attempt_at").ValueKind);
    }

    [Fact]
    public async Task AReceiverThatDoesNotAnswerInTime_IsATimeout_AndTheEventIsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((_, earlier) => earlier == 0 ? new ReceiverAnswer(Delay: TimeSpan.FromSeconds(4)) : new ReceiverAnswer());
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("slow")));

        await CreateDossierAsync(client);
        var delivery = (await WaitForDeliveryIdAsync(endpoint));
        var pending = await WaitForDeliveryAsync(org, delivery, "pending");
        var attempt = pending.GetProperty("attempts")[0];
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status_code").ValueKind);
        Assert.Equal("timed out after 2 s", attempt.GetProperty("error").GetString());
        Assert.InRange(attempt.GetProperty("duration_ms").GetInt32(), 1900, 3900);

        Factory.Clock.Advance(TimeSpan.FromSeconds(7));
        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(requests[0].EventId, requests[1].EventId);
        await WaitForDeliveryAsync(org, delivery, "succeeded", 2);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task RetryAfter_OnA429Or503_IsHonoured(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((_, earlier) => earlier == 0
            ? new ReceiverAnswer(status, Headers: new Dictionary<string, string> { ["Retry-After"] = "120" })
            : new ReceiverAnswer());
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("busy")));

        await CreateDossierAsync(client);
        var delivery = await WaitForDeliveryIdAsync(endpoint);
        var pending = await WaitForDeliveryAsync(org, delivery, "pending");
        var wait = pending.GetProperty("next_attempt_at").GetDateTimeOffset() - pending.GetProperty("attempts")[0].GetProperty("attempted_at").GetDateTimeOffset();
        Assert.InRange(wait.TotalSeconds, 119, 122);

        Factory.Clock.Advance(TimeSpan.FromSeconds(10)); // past the schedule's 5 s, not past Retry-After
        await Task.Delay(600);
        Assert.Single(receiver.Received);

        Factory.Clock.Advance(TimeSpan.FromSeconds(115));
        await receiver.WaitForAsync(2);
        await WaitForDeliveryAsync(org, delivery, "succeeded", 2);
    }

    [Fact]
    public async Task A410Gone_FailsTheDelivery_AndDisablesTheEndpoint()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((_, _) => new ReceiverAnswer(410, "gone"));
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("gone")));

        await CreateDossierAsync(client);
        var delivery = await WaitForDeliveryIdAsync(endpoint);
        var failed = await WaitForDeliveryAsync(org, delivery, "failed");
        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());
        var disabled = await EndpointAsync(org, endpoint);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("gone", disabled.GetProperty("disabled_reason").GetString());

        await CreateDossierAsync(client);
        await WaitForFanOutAsync(org);
        Assert.Single(await DeliveryIdsAsync(endpoint));
        Assert.Single(receiver.Received);

        var enabled = await PatchEndpointAsync(org, endpoint, """{"enabled":true}""");
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabled_reason").ValueKind);
    }

    [Fact]
    public async Task AnEndpointFailingForFiveDays_IsDisabled_AndItsDeliveriesWaitUntilItIsEnabledAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var healthy = false;
        receiver.AnswerWith((_, _) => healthy ? new ReceiverAnswer() : new ReceiverAnswer(500));
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("down")));

        await CreateDossierAsync(client);
        var delivery = await WaitForDeliveryIdAsync(endpoint);
        await WaitForDeliveryAsync(org, delivery, "pending");
        Assert.True((await EndpointAsync(org, endpoint)).GetProperty("enabled").GetBoolean());

        Factory.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));
        await receiver.WaitForAsync(2);
        await WaitUntilAsync(async () => !(await EndpointAsync(org, endpoint)).GetProperty("enabled").GetBoolean(), "the endpoint to be disabled");
        Assert.Equal("failing", (await EndpointAsync(org, endpoint)).GetProperty("disabled_reason").GetString());
        var parked = await WaitForDeliveryAsync(org, delivery, "pending", 2);
        Assert.Equal(JsonValueKind.Null, parked.GetProperty("next_attempt_at").ValueKind);

        healthy = true;
        await PatchEndpointAsync(org, endpoint, """{"enabled":true}""");
        await receiver.WaitForAsync(3);
        await WaitForDeliveryAsync(org, delivery, "succeeded", 3);
    }

    [Fact]
    public async Task AfterTheTenAttemptsOfTheStandardSchedule_TheDeliveryFails()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((_, _) => new ReceiverAnswer(500));
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("down")));
        await CreateDossierAsync(client);
        var delivery = await WaitForDeliveryIdAsync(endpoint);

        // At once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h later (each give or take 10 %).
        TimeSpan[] waits = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
            TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24)];
        for (var attempt = 1; attempt <= waits.Length; attempt++)
        {
            var pending = await WaitForDeliveryAsync(org, delivery, "pending", attempt);
            var wait = pending.GetProperty("next_attempt_at").GetDateTimeOffset()
                       - pending.GetProperty("attempts")[attempt - 1].GetProperty("attempted_at").GetDateTimeOffset();
            Assert.InRange(wait, waits[attempt - 1] * 0.9 - TimeSpan.FromSeconds(1), waits[attempt - 1] * 1.1 + TimeSpan.FromSeconds(1));
            Factory.Clock.Advance(waits[attempt - 1] * 1.1 + TimeSpan.FromSeconds(1));
        }
        var failed = await WaitForDeliveryAsync(org, delivery, "failed", 10);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("next_attempt_at").ValueKind);
        Assert.Equal(10, receiver.Received.Count);
        Assert.True((await EndpointAsync(org, endpoint)).GetProperty("enabled").GetBoolean()); // about three days: not five
    }

    [Fact]
    public async Task Redeliver_SendsTheSameEventAgain_AndIsRecordedAsAnotherAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("hooks")));
        await CreateDossierAsync(client);
        var delivery = await WaitForDeliveryIdAsync(endpoint);
        await WaitForDeliveryAsync(org, delivery, "succeeded");
        Factory.Clock.Advance(TimeSpan.FromSeconds(3));

        var response = await Admin().PostAsync($"{Prefix(org)}/webhook-deliveries/{delivery}/redeliver", null);
        var answer = (await ReadJsonAsync(response, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(delivery, Id(answer));
        Assert.Equal("pending", answer.GetProperty("state").GetString());

        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(requests[0].EventId, requests[1].EventId);
        Assert.True(requests[1].Timestamp > requests[0].Timestamp);
        var done = await WaitForDeliveryAsync(org, delivery, "succeeded", 2);
        Assert.Equal([1, 2], done.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Redeliver_ToADisabledEndpoint_IsAConflict_AndAnotherOrganizationsDeliveryIsNotFound()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var (otherOrg, _) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("hooks")));
        await CreateDossierAsync(client);
        var delivery = await WaitForDeliveryIdAsync(endpoint);
        await WaitForDeliveryAsync(org, delivery, "succeeded");
        await PatchEndpointAsync(org, endpoint, """{"enabled":false}""");

        await AssertErrorAsync(await Admin().PostAsync($"{Prefix(org)}/webhook-deliveries/{delivery}/redeliver", null),
            HttpStatusCode.Conflict, "endpoint_disabled");
        await AssertErrorAsync(await Admin().PostAsync($"{Prefix(otherOrg)}/webhook-deliveries/{delivery}/redeliver", null),
            HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await Admin().GetAsync($"{Prefix(otherOrg)}/webhook-deliveries/{delivery}"), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await Admin().PostAsync($"{Prefix(org)}/webhook-deliveries/{Guid.CreateVersion7()}/redeliver", null),
            HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AfterARotation_BothSecretsSign_NewFirst_UntilTheOldOneExpires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var created = await AddEndpointAsync(org, receiver.UrlFor("hooks"));
        var endpoint = Id(created);
        var oldSecret = created.GetProperty("secret").GetString()!;

        var rotated = (await ReadJsonAsync(await Admin().PostAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/rotate-secret", null),
            HttpStatusCode.OK)).GetProperty("data");
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", newSecret);
        Assert.NotEqual(oldSecret, newSecret);
        var expires = rotated.GetProperty("old_secret_expires_at").GetDateTimeOffset() - rotated.GetProperty("updated_at").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(24), expires);
        Assert.Equal(newSecret, (await EndpointAsync(org, endpoint)).GetProperty("secret").GetString());

        await CreateDossierAsync(client);
        var during = (await receiver.WaitForAsync(1))[0];
        var values = V1Values(during.Signature);
        Assert.Equal([Sign(during.Timestamp, during.Body, newSecret), Sign(during.Timestamp, during.Body, oldSecret)], values);
        // The reference's snippet reads the last v1: receivers still holding the old secret keep verifying.
        Assert.Equal(new[] { true, false }, await ReferenceSignature.VerifyAsync([(during.Signature, during.Body, oldSecret), (during.Signature, during.Body, newSecret)]));
        // The README's snippet accepts either while both sign.
        Assert.True(LeadGridWebhook.Verify(during.Signature, during.Body, newSecret));
        Assert.True(LeadGridWebhook.Verify(during.Signature, during.Body, oldSecret));

        Factory.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await CreateDossierAsync(client);
        var after = (await receiver.WaitForAsync(2))[1];
        Assert.Equal([Sign(after.Timestamp, after.Body, newSecret)], V1Values(after.Signature));
        Assert.Equal(new[] { true }, await ReferenceSignature.VerifyAsync([(after.Signature, after.Body, newSecret)]));
    }

    [Fact]
    public async Task ARotationWithNoOverlap_SignsWithTheNewSecretAlone_AndTheOverlapIsBounded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("hooks")));
        var rotate = $"{Prefix(org)}/webhook-endpoints/{endpoint}/rotate-secret";

        var message = await AssertErrorAsync(await Admin().PostAsync(rotate, Body("""{"old_secret_expires_in":604801}""")),
            HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains("old_secret_expires_in", message);
        await AssertErrorAsync(await Admin().PostAsync(rotate, Body("""{"old_secret_expires_in":-1}""")), HttpStatusCode.BadRequest, "invalid_body");
        await AssertErrorAsync(await Admin().PostAsync(rotate, Body("""{"old_secret":"x"}""")), HttpStatusCode.BadRequest, "invalid_body");

        var rotated = (await ReadJsonAsync(await Admin().PostAsync(rotate, Body("""{"old_secret_expires_in":0}""")), HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(JsonValueKind.Null, rotated.GetProperty("old_secret_expires_at").ValueKind);
        await CreateDossierAsync(client);
        var request = (await receiver.WaitForAsync(1))[0];
        Assert.Equal([Sign(request.Timestamp, request.Body, rotated.GetProperty("secret").GetString()!)], V1Values(request.Signature));
    }

    [Fact]
    public async Task ATestEvent_IsASignedPing_AttemptedOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((r, _) => r.Path == "/down" ? new ReceiverAnswer(500) : new ReceiverAnswer());
        var (org, _) = await OrganizationWithClientAsync();
        var created = await AddEndpointAsync(org, receiver.UrlFor("up"));
        var endpoint = Id(created);

        var response = await Admin().PostAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/test", null);
        var delivery = (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal($"{Prefix(org)}/webhook-deliveries/{Id(delivery)}", response.Headers.Location?.OriginalString);
        Assert.Equal("ping", delivery.GetProperty("event_type").GetString());

        var ping = (await receiver.WaitForAsync(1))[0];
        Assert.Equal(["id", "type", "created_at", "data"], ping.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ping", ping.Json.GetProperty("type").GetString());
        Assert.Equal("ping", ping.Headers["X-LeadGrid-Event-Type"]);
        Assert.Equal(endpoint, Id(ping.Json.GetProperty("data"), "endpoint_id"));
        Assert.Equal(new[] { true }, await ReferenceSignature.VerifyAsync([(ping.Signature, ping.Body, created.GetProperty("secret").GetString()!)]));
        await WaitForDeliveryAsync(org, Id(delivery), "succeeded");

        var down = Id(await AddEndpointAsync(org, receiver.UrlFor("down")));
        var failing = (await ReadJsonAsync(await Admin().PostAsync($"{Prefix(org)}/webhook-endpoints/{down}/test", null), HttpStatusCode.Created))
            .GetProperty("data");
        var failed = await WaitForDeliveryAsync(org, Id(failing), "failed");
        Assert.Equal(1, failed.GetProperty("attempt_count").GetInt32());

        await PatchEndpointAsync(org, endpoint, """{"enabled":false}""");
        await AssertErrorAsync(await Admin().PostAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/test", null), HttpStatusCode.Conflict, "endpoint_disabled");
    }

    [Fact]
    public async Task AChangeWhoseTransactionRollsBack_DeliversNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("hooks")));
        var key = (await CreateKeyAsync(org)).Key;
        await using var broken = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IFileStorage, ThrowingStorage>()));
        var brokenClient = broken.CreateClient();
        brokenClient.DefaultRequestHeaders.Authorization = new("Bearer", key);

        using var form = new MultipartFormDataContent
        {
            { new StringContent("candidate"), "type" },
            { new StringContent("Sophie van Dijk"), "name" },
            { new ByteArrayContent("%PDF-1.7 test"u8.ToArray()), "cv", "cv.pdf" },
        };
        Assert.Equal(HttpStatusCode.InternalServerError, (await brokenClient.PostAsync("/api/v1/dossiers", form)).StatusCode);
        var control = Id(await CreateDossierAsync(client));

        var received = await receiver.WaitForAsync(1);
        await WaitForFanOutAsync(org);
        await Task.Delay(300);
        Assert.Equal(control, Id(Assert.Single(receiver.Received).Json.GetProperty("data")));
        Assert.Single(await DeliveryIdsAsync(endpoint));
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
        Assert.Single(received);
    }

    [Fact]
    public async Task Deliveries_AreListedNewestFirst_WithEveryAttempt_FilteredByState()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((r, _) => r.Json.GetProperty("data").GetProperty("name").GetString() == "fails"
            ? new ReceiverAnswer(500, new string('x', 3000)) : new ReceiverAnswer());
        var (org, client) = await OrganizationWithClientAsync();
        var (otherOrg, _) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("hooks")));
        foreach (var name in new[] { "one", "fails", "three" })
        {
            await CreateDossierAsync(client, new { type = "sales", name });
            await receiver.WaitForAsync(receiver.Received.Count + 1);
        }
        var ids = await DeliveryIdsAsync(endpoint);
        await WaitForDeliveryAsync(org, ids[1], "pending");
        await WaitForDeliveryAsync(org, ids[2], "succeeded");

        var page = (await ReadJsonAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/deliveries?per_page=2"),
            HttpStatusCode.OK));
        Assert.Equal(3, page.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(ids.Reverse().Take(2), page.GetProperty("data").EnumerateArray().Select(d => Id(d)));
        var listed = page.GetProperty("data")[0];
        Assert.Equal(["id", "endpoint_id", "event_id", "event_type", "state", "attempt_count", "next_attempt_at", "created_at",
            "updated_at", "attempts"], listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["number", "attempted_at", "status_code", "duration_ms", "error", "response_body"],
            listed.GetProperty("attempts")[0].EnumerateObject().Select(p => p.Name));

        var pending = await DeliveriesAsync(org, endpoint, "?state=pending");
        var failedAttempt = Assert.Single(pending).GetProperty("attempts")[0];
        Assert.Equal(1024, failedAttempt.GetProperty("response_body").GetString()!.Length);
        Assert.Equal(2, (await DeliveriesAsync(org, endpoint, "?state=succeeded&state=failed")).Length);

        var bad = await AssertErrorAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/deliveries?state=done"),
            HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains("'state'", bad);
        await AssertErrorAsync(await Admin().GetAsync($"{Prefix(otherOrg)}/webhook-endpoints/{endpoint}/deliveries"), HttpStatusCode.NotFound, "not_found");
    }

    private async Task<Guid> WaitForDeliveryIdAsync(Guid endpoint)
    {
        Guid[] ids = [];
        await WaitUntilAsync(async () => (ids = await DeliveryIdsAsync(endpoint)).Length > 0, "a delivery");
        return ids.Single();
    }

    private sealed class ThrowingStorage : IFileStorage
    {
        public Task<IStagedFile> StageAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) =>
            throw new IOException("The disk is full.");

        public Task<Stream?> OpenReadAsync(string key, CancellationToken ct) => Task.FromResult<Stream?>(null);
    }
}
