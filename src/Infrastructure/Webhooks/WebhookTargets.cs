using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using LeadGrid.Application.Webhooks;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Infrastructure.Webhooks;

/// <summary>Resolves host names; replaceable in tests (a name that answers differently the second time is DNS rebinding).</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

internal sealed class SystemHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>A webhook target the server refuses to connect to; the message says why.</summary>
public sealed class RefusedTargetException(string message) : Exception(message);

/// <summary>
/// The SSRF guard (SPEC §9): a webhook URL whose host resolves to a refused address (see <see cref="NetworkAddresses"/>)
/// is refused when the endpoint is saved, and every connection the dispatcher makes resolves the name again and
/// checks the addresses it is about to connect to, so a name that later resolves elsewhere (DNS rebinding) gains
/// nothing. <c>Webhooks:AllowPrivateTargets</c> turns both off (development and tests).
/// </summary>
internal sealed class WebhookTargets(WebhookOptions options, IHostResolver resolver) : IWebhookUrlGuard
{
    public async Task CheckAsync(WebhookUrl url, CancellationToken ct)
    {
        if (options.AllowPrivateTargets) return;
        try
        {
            await AddressesToConnectAsync(url.Uri.IdnHost, ct);
        }
        catch (RefusedTargetException refused)
        {
            throw DomainException.Invalid(nameof(Domain.Webhooks.WebhookEndpoint.Url), $"is refused: {refused.Message}");
        }
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: connects only to addresses that pass the guard.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = options.AllowPrivateTargets && IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await AddressesToConnectAsync(context.DnsEndPoint.Host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> AddressesToConnectAsync(string host, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
            addresses = [literal];
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, ct);
            }
            catch (SocketException ex)
            {
                throw new RefusedTargetException($"the host '{host}' cannot be resolved ({ex.SocketErrorCode}).");
            }
            if (addresses.Length == 0)
                throw new RefusedTargetException($"the host '{host}' has no addresses.");
        }
        if (options.AllowPrivateTargets) return addresses;
        foreach (var address in addresses)
            if (NetworkAddresses.RefusalOf(address) is { } kind)
                throw new RefusedTargetException(host == address.ToString()
                    ? $"{address} is a {kind} address; webhooks go to public addresses only."
                    : $"'{host}' resolves to {address}, a {kind} address; webhooks go to public addresses only.");
        return addresses;
    }
}
