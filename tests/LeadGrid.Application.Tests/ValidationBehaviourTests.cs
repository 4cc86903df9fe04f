using LeadGrid.Domain.Organizations;
using FluentValidation;
using LeadGrid.Application.Organizations;

namespace LeadGrid.Application.Tests;

public class ValidationBehaviourTests
{
    static ValidationBehaviourTests() =>
        new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddApplication(); // snake_case field names

    [Fact]
    public async Task InvalidCommand_ThrowsNamingTheFieldInSnakeCase_AndNeverReachesTheHandler()
    {
        var behaviour = new Common.ValidationBehaviour<AddMember, MemberDetails>([new AddMemberValidator()]);
        var reached = false;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => behaviour.Handle(
            new AddMember("ann@example.com", "  ") { OrganizationId = Guid.NewGuid() }, CancellationToken.None,
            () => { reached = true; return Task.FromResult<MemberDetails>(null!); }));

        Assert.False(reached);
        Assert.Contains("'full_name'", ex.Errors.Single().ErrorMessage);
    }

    [Fact]
    public async Task ValidCommand_ReachesTheHandler()
    {
        var behaviour = new Common.ValidationBehaviour<CreateOrganization, OrganizationDetails>([new CreateOrganizationValidator()]);
        var expected = new OrganizationDetails { Id = Guid.NewGuid(), Name = "Acme", Plan = "growth", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };

        var result = await behaviour.Handle(new CreateOrganization("Acme", Plan.Growth), CancellationToken.None, () => Task.FromResult(expected));

        Assert.Same(expected, result);
    }

    [Fact]
    public void CreateOrganization_WithoutPlan_IsInvalid()
    {
        var result = new CreateOrganizationValidator().Validate(new CreateOrganization("Acme", null));

        Assert.Contains(result.Errors, e => e.PropertyName == "plan");
    }
}
