using System.Text.Json;

namespace LeadGrid.Application.Common;

public static class SnakeCase
{
    /// <summary>The API's field name for a C# member name (<c>FullName</c> → <c>full_name</c>).</summary>
    public static string Of(string memberName) => JsonNamingPolicy.SnakeCaseLower.ConvertName(memberName);
}
