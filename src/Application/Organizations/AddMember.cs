using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

public sealed record MemberDetails(Guid Id, string Email, string FullName, DateTimeOffset CreatedAt)
{
    private MemberDetails() : this(default, "", "", default) { } // for Dapper: property mapping
}

/// <summary>Adds a user to an organization; an email already used there (any case) is a 409 duplicate_member.</summary>
public sealed record AddMember(string? Email, string? FullName) : ICommand<MemberDetails>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class AddMemberHandler(IOrganizationRepository organizations, TimeProvider clock)
    : IRequestHandler<AddMember, MemberDetails>
{
    public async Task<MemberDetails> Handle(AddMember command, CancellationToken ct)
    {
        _ = await organizations.GetAsync(command.OrganizationId, ct) ?? throw new NotFoundException("Organization");
        var member = Member.Join(command.OrganizationId, command.Email, command.FullName, clock.GetUtcNow());
        await organizations.AddMemberAsync(member, ct);
        return new MemberDetails(member.Id, member.Email.Value, member.FullName, member.CreatedAt);
    }
}
