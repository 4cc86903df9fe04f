using Ardalis.Specification;
using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

/// <summary>An organization's keys, newest first, without secrets.</summary>
public sealed record ListApiKeys(Guid OrganizationId, PageRequest Page) : IRequest<Paged<ApiKeyDetails>>;

public sealed class ApiKeyListSpec : Specification<ApiKeyDetails>
{
    public ApiKeyListSpec(Guid organizationId, PageRequest page)
    {
        Query.Where(k => k.OrganizationId == organizationId);
        Query.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Page(page);
    }
}

internal sealed class ListApiKeysHandler(IListReader reader) : IRequestHandler<ListApiKeys, Paged<ApiKeyDetails>>
{
    public Task<Paged<ApiKeyDetails>> Handle(ListApiKeys query, CancellationToken ct) =>
        reader.PageAsync(new ApiKeyListSpec(query.OrganizationId, query.Page), query.Page, ct, OrganizationSpec.Required(query.OrganizationId));
}
