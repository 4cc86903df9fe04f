using System.Reflection;
using System.Xml.Linq;
using MediatR;
using NetArchTest.Rules;

namespace LeadGrid.Architecture.Tests;

/// <summary>Dependencies point inward: Api → Infrastructure → Application → Domain.</summary>
public class LayeringTests
{
    private static readonly Assembly Domain = typeof(LeadGrid.Domain.Common.AggregateRoot).Assembly;
    private static readonly Assembly Application = typeof(LeadGrid.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(LeadGrid.Infrastructure.DependencyInjection).Assembly;

    [Fact]
    public void Domain_DependsOnNoOtherLayerNorOnIo()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("LeadGrid.Application", "LeadGrid.Infrastructure", "LeadGrid.Api",
                "Npgsql", "Dapper", "Microsoft.AspNetCore", "FluentValidation", "System.Data")
            .GetResult();

        AssertSuccessful(result);
    }

    [Fact]
    public void Application_KnowsNeitherInfrastructureNorHttpNorNpgsql()
    {
        var result = Types.InAssembly(Application).ShouldNot()
            .HaveDependencyOnAny("LeadGrid.Infrastructure", "LeadGrid.Api", "Npgsql", "Microsoft.AspNetCore")
            .GetResult();

        AssertSuccessful(result);
    }

    [Fact]
    public void Infrastructure_DoesNotKnowTheApi()
    {
        var result = Types.InAssembly(Infrastructure).ShouldNot().HaveDependencyOn("LeadGrid.Api").GetResult();

        AssertSuccessful(result);
    }

    [Theory]
    [InlineData("src/Domain/LeadGrid.Domain.csproj")]
    [InlineData("src/Application/LeadGrid.Application.csproj", "LeadGrid.Domain")]
    [InlineData("src/Infrastructure/LeadGrid.Infrastructure.csproj", "LeadGrid.Application", "LeadGrid.Migrations")]
    [InlineData("src/Api/LeadGrid.Api.csproj", "LeadGrid.Application", "LeadGrid.Infrastructure")]
    [InlineData("migrations/LeadGrid.Migrations.csproj")]
    public void ProjectReferences_PointInwardOnly(string project, params string[] allowed)
    {
        var references = XDocument.Load(Path.Combine(RepositoryRoot(), project))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();

        Assert.All(references, r => Assert.Contains(r, allowed));
    }

    [Fact]
    public void Handlers_AreInternalAndSealed()
    {
        var handlers = Application.GetTypes().Where(t => t.GetInterfaces().Any(i =>
            i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
                                || i.GetGenericTypeDefinition() == typeof(INotificationHandler<>)))).ToArray();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.True(h.IsNotPublic && h.IsSealed, $"{h.Name} should be internal sealed"));
    }

    [Fact]
    public void CommandsAndQueries_AreSealedRecordsNamedAsUseCases()
    {
        var requests = Application.GetExportedTypes()
            .Where(t => t.IsClass && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToArray();

        Assert.NotEmpty(requests);
        Assert.All(requests, r =>
        {
            Assert.True(r.IsSealed, $"{r.Name} should be sealed");
            Assert.NotNull(r.GetMethod("<Clone>$")); // a record
            Assert.False(r.Name.EndsWith("Command") || r.Name.EndsWith("Query"), $"{r.Name}: name the use case, not its kind");
        });
    }

    private static void AssertSuccessful(TestResult result) =>
        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LeadGrid.sln")))
                return dir.FullName;
        throw new InvalidOperationException("LeadGrid.sln not found above the test binaries.");
    }
}
