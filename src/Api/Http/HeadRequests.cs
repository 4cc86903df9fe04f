using Microsoft.AspNetCore.Routing;

namespace LeadGrid.Api.Http;

/// <summary>
/// <c>HEAD</c> on every <c>GET</c> route (RFC 9110: a HEAD answers as a GET would, without the body; the server drops
/// the body itself). Applied to a route group or endpoint; the OpenAPI document leaves the HEAD operations out.
/// </summary>
internal static class HeadRequests
{
    public static TBuilder AllowHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault();
            if (methods is not null && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return builder;
    }
}
