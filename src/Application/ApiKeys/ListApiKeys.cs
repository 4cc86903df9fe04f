using Ardalis.Specification;
using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

/// <summary>An organization's keys, newest first, without secrets.</summary>
public sealed record ListApiKeys(Guid OrganizationId, PageRequest Page) : IRequest<Paged<ApiKeyDetails>>
{
    /// <summary>The listing's tag in its cursors.</summary>
    public const char Listing = 'k';
}

public sealed class ApiKeyListSpec : Specification<ApiKeyDetails>
{
    public ApiKeyListSpec(Guid organizationId, PageRequest page)
    {
        Query.Where(k => k.OrganizationId == organizationId);
        Query.InCreationOrder(page, ListApiKeys.Listing);
    }
}

internal sealed class ListApiKeysHandler(IListReader reader) : IRequestHandler<ListApiKeys, Paged<ApiKeyDetails>>
{
    public Task<Paged<ApiKeyDetails>> Handle(ListApiKeys query, CancellationToken ct) =>
        reader.KeysetPageAsync(new ApiKeyListSpec(query.OrganizationId, query.Page), query.Page, ListApiKeys.Listing, ct, OrganizationSpec.Required(query.OrganizationId));
}
