using System.Runtime.CompilerServices;
using LeadGrid.Domain.Common;

namespace LeadGrid.Application.Common;

/// <summary>
/// A partial update's body: which members the request sent (their C# names), filled in by the JSON reader as it sets
/// them, so "left out" (keep) and "null" (clear) stay apart without a wrapper per field. The one way a PATCH body
/// tells the two apart.
/// </summary>
public interface IPartial
{
    ISet<string> Given { get; }
}

public static class PartialExtensions
{
    /// <summary>
    /// A member of the body as the domain's edits take it: <paramref name="value"/> if the body sent it, else absent.
    /// Call it with the member itself (<c>c.Sent(c.Url)</c>): its name is read from the call.
    /// </summary>
    public static Optional<T> Sent<T>(this IPartial partial, T value, [CallerArgumentExpression(nameof(value))] string member = "") =>
        partial.Given.Contains(member[(member.LastIndexOf('.') + 1)..]) ? new Optional<T>(value) : default;
}
