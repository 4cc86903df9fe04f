using LeadGrid.Domain.Organizations;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using LeadGrid.Domain.ApiKeys;
using MediatR;

namespace LeadGrid.Api.Demo;

/// <summary>
/// For <c>./build.sh run</c> (<c>Demo:Seed=true</c>): on a database without organizations, a demo organization on the
/// growth plan with a member and an all-scopes key, printed once with a ready curl line. Later runs leave the data
/// alone and say how to get a new key.
/// </summary>
internal static class DemoSeeder
{
    private const string DemoName = "Demo Organization";

    public static async Task SeedAsync(IServiceProvider services, string baseUrl, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var newest = await mediator.Send(new ListOrganizations(new PageRequest(1, 1)), ct);
        if (newest.Total > 0)
        {
            var oldest = await mediator.Send(new ListOrganizations(new PageRequest((int)Math.Min(newest.Total, int.MaxValue), 1)), ct);
            var demo = oldest.Items[0];
            var scopes = string.Join(",", Scopes.All.Select(s => $"\"{s}\""));
            var settings = await SettingsLineAsync(mediator, demo.Id, baseUrl, ct);
            Console.Error.WriteLine($$"""

                LeadGrid: the database has {{newest.Total}} organization(s); the first, "{{demo.Name}}" ({{demo.Id}}),
                had its API key printed when it was created.
                For a new key (operator token in .leadgrid/admin-token):
                  curl -X POST {{baseUrl}}/admin/v1/organizations/{{demo.Id}}/api-keys \
                    -H "Authorization: Bearer $(cat .leadgrid/admin-token)" -H "Content-Type: application/json" \
                    -d '{"name":"demo","scopes":[{{scopes}}]}'
                {{settings}}

                """);
            return;
        }

        var organization = await mediator.Send(new CreateOrganization(DemoName, Plan.Growth), ct);
        var admin = await mediator.Send(new AddMember("demo@example.com", "Demo User") { OrganizationId = organization.Id }, ct);
        var key = await mediator.Send(new CreateApiKey("Demo key (all scopes)", Scopes.All.ToArray(), null) { OrganizationId = organization.Id }, ct);
        Console.Error.WriteLine($"""

            ─────────────────────────────────────────────────────────────────────────────
            LeadGrid demo organization created: {organization.Id} (plan: growth)
            API key, shown this once — copy it now:

              {key.Key}

            Try it:
              curl -H "Authorization: Bearer {key.Key}" {baseUrl}/api/v1/flows

            Settings → API (keys and webhooks in the browser): set the demo admin's password at
              {baseUrl}/invite/{admin.Invite.Token}
            then sign in as {admin.Member.Email} (the link works once, for 7 days).
            ─────────────────────────────────────────────────────────────────────────────

            """);
    }

    /// <summary>How the demo admin reaches Settings → API: a fresh invite until a password is set, then the sign-in page.</summary>
    private static async Task<string> SettingsLineAsync(IMediator mediator, Guid organizationId, string baseUrl, CancellationToken ct)
    {
        var admin = await mediator.Send(new GetFirstAdmin(organizationId), ct);
        if (admin is null)
            return "";
        if (admin.HasPassword)
            return $"Settings → API: sign in at {baseUrl}/signin as {admin.Email}.";
        var invite = await mediator.Send(new IssueMemberInvite(organizationId, admin.Id), ct);
        return $"Settings → API: set {admin.Email}'s password at {baseUrl}/invite/{invite.Token} (once, within 7 days), then sign in.";
    }
}
