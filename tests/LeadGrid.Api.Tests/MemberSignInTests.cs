using System.Net;
using System.Net.Http.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace LeadGrid.Api.Tests;

/// <summary>SPEC §13: members with roles, one-time invites, passwords and sign-in with a lockout.</summary>
public class MemberSignInTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<System.Text.Json.JsonElement> AddMemberAsync(Guid org, string email, string? role = null)
    {
        var response = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members", new { email, full_name = email.Split('@')[0], role });
        return (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
    }

    private static string TokenOf(System.Text.Json.JsonElement member, string field = "invite_url") =>
        new Uri(member.GetProperty(field).GetString()!).AbsolutePath["/invite/".Length..];

    private async Task<T> SendAsync<T>(IRequest<T> request)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    [Fact]
    public async Task TheFirstMemberIsAdmin_OthersMembersUnlessAsked_AndEachGetsAnInvite()
    {
        var org = await CreateOrganizationAsync();

        var first = await AddMemberAsync(org, "first@example.com", "member");
        var second = await AddMemberAsync(org, "second@example.com");
        var third = await AddMemberAsync(org, "third@example.com", "admin");

        Assert.Equal("admin", first.GetProperty("role").GetString());
        Assert.Equal("member", second.GetProperty("role").GetString());
        Assert.Equal("admin", third.GetProperty("role").GetString());
        Assert.False(first.GetProperty("has_password").GetBoolean());
        var url = new Uri(first.GetProperty("invite_url").GetString()!);
        Assert.StartsWith("/invite/", url.AbsolutePath);
        Assert.InRange(TokenOf(first).Length, 40, 50);
        var expires = first.GetProperty("invite_expires_at").GetDateTimeOffset();
        Assert.InRange(expires - first.GetProperty("created_at").GetDateTimeOffset(), TimeSpan.FromDays(7) - TimeSpan.FromSeconds(2), TimeSpan.FromDays(7) + TimeSpan.FromSeconds(2));
        Assert.Equal(3L, (await QueryAsync<long>("SELECT count(*) FROM member_invites WHERE org_id = @org", new { org })).Single());
        Assert.Empty(await QueryAsync<byte[]>("SELECT token_hash FROM member_invites WHERE token_hash = convert_to(@token, 'UTF8')", new { token = TokenOf(first) }));

        var get = await ReadJsonAsync(await Admin().GetAsync($"/admin/v1/organizations/{org}/members/{Id(second)}"), HttpStatusCode.OK);
        Assert.Equal("member", get.GetProperty("data").GetProperty("role").GetString());
    }

    [Fact]
    public async Task AnUnknownRole_Is400NamingIt()
    {
        var org = await CreateOrganizationAsync();
        var response = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members", new { email = "a@example.com", full_name = "A", role = "owner" });
        Assert.Contains("'role'", await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task ConcurrentFirstMembers_OnlyOneIsAdmin()
    {
        var org = await CreateOrganizationAsync();
        var added = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members", new { email = $"m{i}@example.com", full_name = $"M{i}" })));
        Assert.All(added, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(["admin", "member", "member", "member", "member", "member", "member", "member"],
            await QueryAsync<string>("SELECT role FROM members WHERE org_id = @org ORDER BY created_at, id", new { org }));
    }

    [Fact]
    public async Task AnInviteSetsThePasswordOnce_AndANewInviteReplacesTheOld()
    {
        var org = await CreateOrganizationAsync();
        var member = await AddMemberAsync(org, "ann@example.com");
        var oldToken = TokenOf(member);

        var renewed = await ReadJsonAsync(await Admin().PostAsync($"/admin/v1/organizations/{org}/members/{Id(member)}/invite", null), HttpStatusCode.OK);
        var token = TokenOf(renewed.GetProperty("data"));
        Assert.NotEqual(oldToken, token);
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new SetPasswordFromInvite(oldToken, "a long enough password")));

        var tooShort = await Assert.ThrowsAsync<LeadGrid.Domain.Common.DomainException>(() => SendAsync(new SetPasswordFromInvite(token, "short")));
        Assert.Contains("at least 12", tooShort.Message);
        var set = await SendAsync(new SetPasswordFromInvite(token, "correct horse battery"));
        Assert.True(set.HasPassword);
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new SetPasswordFromInvite(token, "another password here")));

        var hash = (await QueryAsync<string>("SELECT password_hash FROM members WHERE id = @id", new { id = Id(member) })).Single();
        Assert.DoesNotContain("correct horse", hash);
        Assert.StartsWith("AQAAAA", hash); // ASP.NET Core Identity's v3 format
        await AssertErrorAsync(await Admin().PostAsync($"/admin/v1/organizations/{org}/members/{Guid.NewGuid()}/invite", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AnExpiredInvite_DoesNotWork()
    {
        var org = await CreateOrganizationAsync();
        var member = await AddMemberAsync(org, "late@example.com");
        Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new SetPasswordFromInvite(TokenOf(member), "correct horse battery")));
    }

    [Fact]
    public async Task SignIn_RightPasswordSignsIn_WrongAndUnknownAnswerAlike_FiveFailuresLockFor15Minutes()
    {
        var org = await CreateOrganizationAsync();
        var member = await AddMemberAsync(org, "ann@example.com");
        await SendAsync(new SetPasswordFromInvite(TokenOf(member), "correct horse battery"));

        var signedIn = await SendAsync(new SignIn("ANN@example.com", "correct horse battery"));
        Assert.NotNull(signedIn);
        Assert.Equal(Id(member), signedIn.MemberId);
        Assert.Equal(org, signedIn.OrganizationId);
        Assert.Equal("admin", signedIn.Role);
        Assert.Null(await SendAsync(new SignIn("ann@example.com", "wrong password!!")));
        Assert.Null(await SendAsync(new SignIn("nobody@example.com", "wrong password!!")));

        for (var i = 0; i < 4; i++)
            Assert.Null(await SendAsync(new SignIn("ann@example.com", "wrong password!!")));
        Assert.Null(await SendAsync(new SignIn("ann@example.com", "correct horse battery"))); // locked: five failures
        Factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.NotNull(await SendAsync(new SignIn("ann@example.com", "correct horse battery")));

        for (var i = 0; i < 5; i++)
            Assert.Null(await SendAsync(new SignIn("nobody@example.com", "wrong password!!")));
        Assert.Equal(1L, (await QueryAsync<long>("SELECT count(*) FROM sign_in_failures WHERE email = 'nobody@example.com' AND locked_until IS NOT NULL")).Single());
    }

    [Fact]
    public async Task FailuresSpreadOverMoreThan15Minutes_DoNotLock()
    {
        var org = await CreateOrganizationAsync();
        var member = await AddMemberAsync(org, "bo@example.com");
        await SendAsync(new SetPasswordFromInvite(TokenOf(member), "correct horse battery"));

        for (var i = 0; i < 8; i++)
        {
            Assert.Null(await SendAsync(new SignIn("bo@example.com", "wrong password!!")));
            Factory.Clock.Advance(TimeSpan.FromMinutes(4));
        }
        Assert.NotNull(await SendAsync(new SignIn("bo@example.com", "correct horse battery")));
    }
}
