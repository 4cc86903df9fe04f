namespace LeadGrid.Application.Common;

/// <summary>
/// A partial update's body: which members the request sent (their C# names), filled in by the JSON reader as it sets
/// them, so "left out" (keep) and "null" (clear) stay apart without a wrapper per field.
/// </summary>
public interface IPartial
{
    ISet<string> Given { get; }
}
