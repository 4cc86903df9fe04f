using Dapper;

namespace LeadGrid.Application.Common;

/// <summary>A resource a listing hangs under: when it does not exist in the organization, the listing is a 404.</summary>
public sealed record ParentCheck(string ExistsSql, string Resource);

public static class PagedQuery
{
    /// <summary>
    /// Runs a specification's count and page in one round trip and returns them as a page. With a
    /// <paramref name="parent"/>, its existence is checked in the same round trip first; <paramref name="setup"/> is a
    /// statement without results that runs before the rest (e.g. a SET LOCAL for this command only).
    /// </summary>
    public static async Task<Paged<T>> QueryPageAsync<T>(this IDbSession session, SqlSpec spec, string select, string countFrom,
        CancellationToken ct, ParentCheck? parent = null, string? setup = null)
    {
        var page = spec.CurrentPage ?? throw new InvalidOperationException("A paged query needs SqlSpec.Page(...).");
        var (sql, args) = spec.BuildPaged(select, countFrom);
        if (parent is not null) sql = $"SELECT EXISTS ({parent.ExistsSql});\n{sql}";
        if (setup is not null) sql = $"{setup};\n{sql}";

        using var results = await session.Connection.QueryMultipleAsync(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
        if (parent is not null && !await results.ReadSingleAsync<bool>())
            throw new NotFoundException(parent.Resource);
        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<T>()).AsList();
        return new Paged<T>(items, total, page.Page, page.PerPage);
    }
}
