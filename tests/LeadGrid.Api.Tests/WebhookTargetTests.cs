using System.Net;
using System.Text;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Webhooks;
using LeadGrid.Infrastructure.Webhooks;

namespace LeadGrid.Api.Tests;

/// <summary>The SSRF guard (SPEC §9) on its own: which addresses are refused, and refusal when connecting, DNS rebinding included.</summary>
public class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fc00::1", "private (ULA)")]
    [InlineData("fd12:3456::1", "private (ULA)")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("64:ff9b::10.0.0.1", "private")]
    [InlineData("2002:7f00:1::", "loopback")]
    [InlineData("2001:db8::1", "documentation")]
    public void RefusedAddresses_SayWhy(string address, string kind) =>
        Assert.Equal(kind, NetworkAddresses.RefusalOf(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    public void PublicAddresses_AreAllowed(string address) => Assert.Null(NetworkAddresses.RefusalOf(IPAddress.Parse(address)));

    [Fact]
    public async Task AHostThatResolvesToLoopback_IsRefusedWhenConnecting_AndTheReceiverGetsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        using var sender = Sender(new SystemHostResolver(), out _);

        var result = await sender.SendAsync(Delivery($"http://localhost:{port}/hooks"), "{}"u8.ToArray(), CancellationToken.None);

        Assert.Null(result.StatusCode);
        Assert.Equal("refused: 'localhost' resolves to 127.0.0.1, a loopback address; webhooks go to public addresses only.", result.Error);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task ANameThatResolvedToAPublicAddressWhenSaved_IsRefusedWhenItResolvesToLoopbackLater()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        var rebinding = new RebindingResolver(IPAddress.Parse("93.184.215.14"), IPAddress.Loopback);
        using var sender = Sender(rebinding, out var targets);
        var url = $"http://hooks.customer.example:{port}/hooks";

        await targets.CheckAsync(WebhookUrl.Parse(url), CancellationToken.None); // public when saved
        var result = await sender.SendAsync(Delivery(url), "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("refused: 'hooks.customer.example' resolves to 127.0.0.1, a loopback address; webhooks go to public addresses only.",
            result.Error);
        Assert.Empty(receiver.Received);
        Assert.Equal(2, rebinding.Lookups);
    }

    [Fact]
    public async Task WithPrivateTargetsAllowed_TheSameRequestIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        var options = new WebhookOptions { AllowPrivateTargets = true, Timeout = TimeSpan.FromSeconds(5) };
        using var sender = new WebhookSender(options, new WebhookTargets(options, new SystemHostResolver()), TimeProvider.System);

        var result = await sender.SendAsync(Delivery($"http://localhost:{port}/hooks"), "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task ARefusedNameWhenSaving_IsAnInvalidBody()
    {
        var options = new WebhookOptions { AllowPrivateTargets = false };
        var targets = new WebhookTargets(options, new RebindingResolver(IPAddress.Parse("10.0.0.7")));

        var refused = await Assert.ThrowsAsync<DomainException>(() => targets.CheckAsync(WebhookUrl.Parse("https://intranet.example/h"), CancellationToken.None));

        Assert.Equal((DomainError.Invalid, "Url"), (refused.Error, refused.Member));
        Assert.Equal("'Url' is refused: 'intranet.example' resolves to 10.0.0.7, a private address; webhooks go to public addresses only.",
            refused.Message);
    }

    [Fact]
    public async Task RedirectsAreNotFollowed_AndOnlyTheFirstKilobyteOfAnAnswerIsKept()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((r, _) => r.Path == "/moved"
            ? new ReceiverAnswer(301, null, Headers: new Dictionary<string, string> { ["Location"] = receiver.UrlFor("elsewhere") })
            : new ReceiverAnswer(200, "é" + new string('x', 5000) + "\0"));
        var options = new WebhookOptions { AllowPrivateTargets = true };
        using var sender = new WebhookSender(options, new WebhookTargets(options, new SystemHostResolver()), TimeProvider.System);

        var moved = await sender.SendAsync(Delivery(receiver.UrlFor("moved")), "{}"u8.ToArray(), CancellationToken.None);
        var big = await sender.SendAsync(Delivery(receiver.UrlFor("big")), "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(301, moved.StatusCode);
        Assert.Equal($"redirect to {receiver.UrlFor("elsewhere")} not followed", moved.Error);
        Assert.DoesNotContain(receiver.Received, r => r.Path == "/elsewhere");
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(big.ResponseBody!));
        Assert.StartsWith("éxxx", big.ResponseBody);
    }

    private static WebhookSender Sender(IHostResolver resolver, out WebhookTargets targets)
    {
        var options = new WebhookOptions { AllowPrivateTargets = false, Timeout = TimeSpan.FromSeconds(5) };
        targets = new WebhookTargets(options, resolver);
        return new WebhookSender(options, targets, TimeProvider.System);
    }

    private static ClaimedDelivery Delivery(string url) => new()
    {
        Id = Guid.CreateVersion7(),
        ClaimId = Guid.CreateVersion7(),
        EndpointId = Guid.CreateVersion7(),
        EventId = "evt_test",
        EventType = "dossier.created",
        AttemptCount = 0,
        MaxAttempts = 1,
        Url = url,
        Secret = "whsec_test",
        Body = "{}",
    };

    /// <summary>Answers each lookup with the next address (the last one thereafter), as a rebinding DNS server would.</summary>
    private sealed class RebindingResolver(params IPAddress[] answers) : IHostResolver
    {
        private int _lookups;

        public int Lookups => _lookups;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
        {
            var index = Interlocked.Increment(ref _lookups) - 1;
            return Task.FromResult(new[] { answers[Math.Min(index, answers.Length - 1)] });
        }
    }
}
