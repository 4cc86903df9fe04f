using System.Reflection;
using NetArchTest.Rules;

namespace LeadGrid.Architecture.Tests;

/// <summary>
/// The wire stays at the edge: the domain speaks neither JSON nor HTTP, and neither the domain nor the use cases
/// declare the API's error codes (<c>invalid_body</c>, <c>duplicate_contact</c>, …): they say what rule broke, and
/// the Api decides the status and the code (ApiError).
/// </summary>
public class WireAtTheEdgeTests
{
    private static readonly Assembly Domain = typeof(LeadGrid.Domain.Common.AggregateRoot).Assembly;
    private static readonly Assembly Application = typeof(LeadGrid.Application.DependencyInjection).Assembly;

    /// <summary>Every code of the error envelope (SPEC §2), as the Api declares them.</summary>
    private static readonly HashSet<string> ErrorCodes = typeof(LeadGrid.Api.Errors.ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void TheDomain_ReferencesNoJsonAndNoAspNet()
    {
        Assert.DoesNotContain(Domain.GetReferencedAssemblies(), a =>
            a.Name is "System.Text.Json" or "System.Net.Http" || a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("System.Text.Json", "Microsoft.AspNetCore", "System.Net.Http", "System.Net.HttpStatusCode")
            .GetResult();
        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void TheScan_SeesTheCodesAndTheLiterals()
    {
        Assert.Contains("invalid_body", ErrorCodes);
        Assert.Contains("is required.", StringsOf(Domain)); // Text's detail, a literal in a method body
        Assert.Contains("DuplicateContact", Enum.GetNames<LeadGrid.Application.Common.Conflict>()); // a rule's name, not its code
    }

    [Theory]
    [InlineData("Domain")]
    [InlineData("Application")]
    public void NeitherTheDomainNorTheUseCases_DeclareAnHttpErrorCode(string layer)
    {
        var assembly = layer == "Domain" ? Domain : Application;
        var found = StringsOf(assembly).Where(ErrorCodes.Contains).Distinct().ToArray();
        Assert.True(found.Length == 0, $"{layer} names error codes of the API: {string.Join(", ", found)}");
        Assert.DoesNotContain(assembly.GetTypes(), t => t.Name.Contains("ErrorCode", StringComparison.Ordinal) || t.Name.Contains("StatusCode", StringComparison.Ordinal));
    }

    /// <summary>Every string the assembly's code holds: its constants, and the string literals its methods load (ldstr).</summary>
    private static IEnumerable<string> StringsOf(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var field in type.GetFields(all).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                yield return (string)field.GetRawConstantValue()!;
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null) continue;
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] != 0x72 || il[i + 4] != 0x70) continue; // ldstr <user-string token 0x70xxxxxx>
                    string? text;
                    try
                    {
                        text = method.Module.ResolveString(BitConverter.ToInt32(il, i + 1));
                    }
                    catch (ArgumentException)
                    {
                        continue; // operand bytes of another instruction that only looked like ldstr
                    }
                    yield return text;
                }
            }
        }
    }
}
