using System.Security.Cryptography;
using System.Text;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Domain.Tests;

public class WebhookSignatureTests
{
    private const string Body = """{"id":"evt_1","type":"dossier.created","created_at":"2026-04-15T12:04:10Z","data":{"id":"a91c"}}""";

    [Fact]
    public void Compute_IsTheHexHmacSha256OfTimestampDotBody_WithTheWholeSecretAsKey()
    {
        // HMAC-SHA256(key = UTF-8 of "whsec_test", message = "1713178230." + body) as hex; the literal below was worked out with Python's hmac.
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("whsec_test"u8, Encoding.UTF8.GetBytes("1713178230." + Body)));

        var header = WebhookSignature.Compute(1713178230, Encoding.UTF8.GetBytes(Body), "whsec_test");

        Assert.Equal($"t=1713178230,v1={expected}", header);
        Assert.Equal("t=1713178230,v1=22dcc8d938b3d804c4d999c07db373572198ac5246922e747b49482e0e9749a4", header);
    }

    [Fact]
    public void Compute_DuringARotation_SignsWithTheNewSecretFirstAndTheOldSecondAndLast()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var single = WebhookSignature.Compute(1, body, "whsec_new");

        var header = WebhookSignature.Compute(1, body, "whsec_new", "whsec_old");

        Assert.StartsWith(single + ",v1=", header);
        Assert.EndsWith(WebhookSignature.Compute(1, body, "whsec_old")["t=1,v1=".Length..], header);
    }

    [Fact]
    public void Secrets_AreLongRandomAndPrefixed()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => WebhookSecret.Generate()).ToArray();

        Assert.All(secrets, s => Assert.Matches("^whsec_[0-9A-Za-z]{40}$", s));
        Assert.Equal(100, secrets.Distinct().Count());
    }
}

public class WebhookUrlTests
{
    [Theory]
    [InlineData("https://example.com/hooks/leadgrid")]
    [InlineData("http://example.com:8080/h?x=1")]
    [InlineData("https://[2606:4700::1]/h")]
    public void Parse_AcceptsAbsoluteHttpUrls(string url) => Assert.Equal(url, WebhookUrl.Parse(url).Value);

    [Theory]
    [InlineData(null, "'Url' is required.")]
    [InlineData("  ", "'Url' is required.")]
    [InlineData("ftp://example.com/h", "'Url' must be an absolute http or https URL.")]
    [InlineData("example.com/h", "'Url' must be an absolute http or https URL.")]
    [InlineData("https://user:secret@example.com/h", "'Url' must not contain a user name or password.")]
    [InlineData("https://example.com/h#part", "'Url' must not contain a fragment ('#…'); it is never sent.")]
    [InlineData("https://example.com/a\u0000b", "'Url' must not contain control characters.")]
    [InlineData("https://example.com/a\r\nX: y", "'Url' must not contain control characters.")]
    [InlineData("https://example.com/a b", "'Url' must not contain spaces.")]
    public void Parse_RefusesWhatIsNotAWebhookUrl(string? url, string message)
    {
        var refused = Assert.Throws<DomainException>(() => WebhookUrl.Parse(url));
        Assert.Equal(DomainError.Invalid, refused.Error);
        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void Parse_RefusesMoreThan2048Characters() =>
        Assert.Equal("'Url' must be at most 2048 characters.",
            Assert.Throws<DomainException>(() => WebhookUrl.Parse("https://example.com/" + new string('A', 2030))).Message);
}

public class WebhookEndpointTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);

    private static WebhookEndpoint Endpoint(IEnumerable<string?>? events = null) =>
        WebhookEndpoint.Create(Guid.CreateVersion7(), "https://example.com/h", events, Now);

    [Fact]
    public void Create_SubscribesToEveryEventByDefault_AndIsEnabled()
    {
        var endpoint = Endpoint();

        Assert.Equal(WebhookEventTypes.All, endpoint.Events);
        Assert.True(endpoint.Enabled);
        Assert.StartsWith("whsec_", endpoint.Secret);
        Assert.Null(endpoint.PreviousSecret);
    }

    [Fact]
    public void Events_AreDeduplicatedAndOrdered_AndUnknownOrNoneRefused()
    {
        Assert.Equal(["dossier.created", "note.created"], Endpoint(["note.created", "dossier.created", "note.created"]).Events);
        Assert.Contains("dossier.exploded", Assert.Throws<DomainException>(() => Endpoint(["dossier.exploded"])).Message);
        Assert.Contains("at least one", Assert.Throws<DomainException>(() => Endpoint([])).Message);
        Assert.Throws<DomainException>(() => Endpoint(["ping"]));
    }

    [Fact]
    public void Edit_WithTheSameValues_ChangesNothingAndRaisesNothing()
    {
        var endpoint = Endpoint();

        var changed = endpoint.Edit(new WebhookEndpointEdit("https://example.com/h", WebhookEventTypes.All.ToArray(), true), Now.AddMinutes(1));

        Assert.False(changed);
        Assert.Equal(Now, endpoint.UpdatedAt);
        Assert.Empty(endpoint.PendingEvents);
    }

    [Fact]
    public void Disabling_ParksItsDeliveries_AndEnabling_ResumesThem()
    {
        var endpoint = Endpoint();

        Assert.True(endpoint.Edit(new WebhookEndpointEdit(default, default, false), Now));
        Assert.Equal(EndpointDisabledReason.Manual, endpoint.DisabledReason);
        var disabled = Assert.IsType<WebhookEndpointDisabled>(Assert.Single(endpoint.DequeueEvents()));
        Assert.Equal(EndpointDisabledReason.Manual, disabled.Reason);

        Assert.True(endpoint.Edit(new WebhookEndpointEdit(default, default, true), Now));
        Assert.True(endpoint.Enabled);
        Assert.Null(endpoint.FailingSince);
        Assert.IsType<WebhookEndpointEnabled>(Assert.Single(endpoint.DequeueEvents()));
    }

    [Fact]
    public void Edit_ThatFailsOnOneField_ChangesNone()
    {
        var endpoint = Endpoint();

        Assert.Throws<DomainException>(() => endpoint.Edit(new WebhookEndpointEdit("https://example.org/new", new string?[] { "nope" }, false), Now));

        Assert.Equal("https://example.com/h", endpoint.Url.Value);
        Assert.True(endpoint.Enabled);
        Assert.Empty(endpoint.PendingEvents);
    }

    [Fact]
    public void RotateSecret_KeepsTheOldOneSigningForTheOverlap()
    {
        var endpoint = Endpoint();
        var old = endpoint.Secret;

        var fresh = endpoint.RotateSecret(null, Now);

        Assert.NotEqual(old, fresh);
        Assert.Equal(Now.AddHours(24), endpoint.PreviousSecretExpiresAt);
        Assert.Equal(fresh, endpoint.Secret);
        Assert.Equal(old, endpoint.PreviousSecret);
    }

    [Fact]
    public void RotateSecret_WithNoOverlap_DropsTheOldOneAtOnce_AndTheOverlapIsBounded()
    {
        var endpoint = Endpoint();

        endpoint.RotateSecret(TimeSpan.Zero, Now);

        Assert.Null(endpoint.PreviousSecret);
        Assert.Null(endpoint.PreviousSecretExpiresAt);
        Assert.Throws<DomainException>(() => endpoint.RotateSecret(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1), Now));
        Assert.Throws<DomainException>(() => endpoint.RotateSecret(TimeSpan.FromSeconds(-1), Now));
    }
}

public class DeliveryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Schedule = RetrySchedule.Standard;

    [Theory]
    [InlineData(200, AttemptOutcome.Succeeded)]
    [InlineData(204, AttemptOutcome.Succeeded)]
    [InlineData(299, AttemptOutcome.Succeeded)]
    [InlineData(301, AttemptOutcome.Failed)]
    [InlineData(400, AttemptOutcome.Failed)]
    [InlineData(410, AttemptOutcome.Gone)]
    [InlineData(500, AttemptOutcome.Failed)]
    [InlineData(null, AttemptOutcome.Failed)]
    public void Classify_Any2xxIsSuccess_410IsGone_TheRestFails(int? status, AttemptOutcome outcome) =>
        Assert.Equal(outcome, DeliveryPolicy.Classify(status));

    [Fact]
    public void TheStandardSchedule_IsTenAttemptsOverAboutThreeDays()
    {
        Assert.Equal(10, Schedule.MaxAttempts);
        Assert.Equal(TimeSpan.Zero, Schedule.DelayBefore(1));
        Assert.Equal(TimeSpan.FromSeconds(5), Schedule.DelayBefore(2));
        Assert.Equal(TimeSpan.FromHours(24), Schedule.DelayBefore(10));
        Assert.InRange(Schedule.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b).TotalDays, 3, 3.3);
    }

    [Fact]
    public void AfterAFailure_TheNextAttemptFollowsTheSchedule_SpreadByTheJitter()
    {
        Assert.Equal((DeliveryState.Pending, Now.AddMinutes(5)), DeliveryPolicy.After(2, 10, AttemptOutcome.Failed, null, Schedule, Now, 0));
        Assert.Equal(Now.AddMinutes(5.5), DeliveryPolicy.After(2, 10, AttemptOutcome.Failed, null, Schedule, Now, 1).NextAttemptAt);
        Assert.Equal(Now.AddMinutes(4.5), DeliveryPolicy.After(2, 10, AttemptOutcome.Failed, null, Schedule, Now, -1).NextAttemptAt);
    }

    [Fact]
    public void SuccessEndsTheDelivery_AndGoneOrTheLastAttemptFailsIt()
    {
        Assert.Equal((DeliveryState.Succeeded, (DateTimeOffset?)null), DeliveryPolicy.After(3, 10, AttemptOutcome.Succeeded, null, Schedule, Now, 0));
        Assert.Equal((DeliveryState.Failed, (DateTimeOffset?)null), DeliveryPolicy.After(1, 10, AttemptOutcome.Gone, null, Schedule, Now, 0));
        Assert.Equal((DeliveryState.Failed, (DateTimeOffset?)null), DeliveryPolicy.After(10, 10, AttemptOutcome.Failed, null, Schedule, Now, 0));
        Assert.Equal((DeliveryState.Failed, (DateTimeOffset?)null), DeliveryPolicy.After(1, 1, AttemptOutcome.Failed, null, Schedule, Now, 0));
    }

    [Fact]
    public void RetryAfter_DelaysTheNextAttempt_ButNeverHastensIt_AndIsCappedAtADay()
    {
        Assert.Equal(Now.AddMinutes(2), DeliveryPolicy.After(1, 10, AttemptOutcome.Failed, TimeSpan.FromMinutes(2), Schedule, Now, 0).NextAttemptAt);
        Assert.Equal(Now.AddMinutes(5), DeliveryPolicy.After(2, 10, AttemptOutcome.Failed, TimeSpan.FromSeconds(1), Schedule, Now, 0).NextAttemptAt);
        Assert.Equal(Now.AddHours(24), DeliveryPolicy.After(1, 10, AttemptOutcome.Failed, TimeSpan.FromDays(30), Schedule, Now, 0).NextAttemptAt);
    }
}

public class WebhookDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);

    private static WebhookDelivery Restored(WebhookEndpoint endpoint, DeliveryState state, int attempts, bool inFlight = false) =>
        WebhookDelivery.Restore(Guid.CreateVersion7(), endpoint.OrganizationId, endpoint.Id, Guid.CreateVersion7(), "evt_1", "dossier.created",
            state, attempts, 10, state == DeliveryState.Pending ? Now.AddMinutes(5) : null, inFlight, Now, Now);

    [Fact]
    public void Redeliver_AFinishedDelivery_GivesItOneMoreAttemptNow()
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), "https://example.com/h", null, Now);
        var delivery = Restored(endpoint, DeliveryState.Failed, 10);

        Assert.True(delivery.Redeliver(endpoint, Now.AddHours(1)));

        Assert.Equal(DeliveryState.Pending, delivery.State);
        Assert.Equal(11, delivery.MaxAttempts);
        Assert.Equal(Now.AddHours(1), delivery.NextAttemptAt);
    }

    [Fact]
    public void Redeliver_APendingDelivery_BringsItForward_AndOneUnderWayIsLeftAlone()
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), "https://example.com/h", null, Now);
        var pending = Restored(endpoint, DeliveryState.Pending, 2);
        var underWay = Restored(endpoint, DeliveryState.Pending, 2, inFlight: true);

        Assert.True(pending.Redeliver(endpoint, Now));
        Assert.Equal(Now, pending.NextAttemptAt);
        Assert.Equal(10, pending.MaxAttempts);
        Assert.False(underWay.Redeliver(endpoint, Now));
        Assert.Equal(Now.AddMinutes(5), underWay.NextAttemptAt);
    }

    [Fact]
    public void Redeliver_OrPing_ToADisabledEndpoint_IsRefused()
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), "https://example.com/h", null, Now);
        var delivery = Restored(endpoint, DeliveryState.Succeeded, 1);
        endpoint.Edit(new WebhookEndpointEdit(default, default, false), Now);

        Assert.Equal(DomainError.EndpointDisabled, Assert.Throws<DomainException>(() => delivery.Redeliver(endpoint, Now)).Error);
        Assert.Equal(DomainError.EndpointDisabled,
            Assert.Throws<DomainException>(() => WebhookDelivery.Ping(endpoint, Guid.CreateVersion7(), "evt_2", Now)).Error);
    }

    [Fact]
    public void Ping_IsDueNowAndAttemptedOnce()
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), "https://example.com/h", null, Now);

        var ping = WebhookDelivery.Ping(endpoint, Guid.CreateVersion7(), "evt_2", Now);

        Assert.Equal((DeliveryState.Pending, 1, Now, "ping"), (ping.State, ping.MaxAttempts, ping.NextAttemptAt!.Value, ping.EventType));
    }
}
