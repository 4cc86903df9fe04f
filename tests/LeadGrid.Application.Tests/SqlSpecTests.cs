using LeadGrid.Application.Common;

namespace LeadGrid.Application.Tests;

public class SqlSpecTests
{
    [Fact]
    public void Build_LeavesOutFiltersThatWereNotGiven()
    {
        string? type = null;

        var (sql, args) = new SqlSpec()
            .Where("f.org_id = @org", new { org = Guid.Empty })
            .Where("f.type = @type", new { type }, when: type is not null)
            .Build("SELECT * FROM flows f");

        Assert.Contains("(f.org_id = @org)", sql);
        Assert.DoesNotContain("type", sql);
        Assert.Contains("org", args.ParameterNames);
        Assert.DoesNotContain("type", args.ParameterNames);
    }

    [Fact]
    public void Build_ValuesAreParametersNeverText()
    {
        const string hostile = "x'; DROP TABLE flows; --";

        var (sql, args) = new SqlSpec().Where("f.name = @name", new { name = hostile }).Build("SELECT * FROM flows f");

        Assert.DoesNotContain("DROP", sql);
        Assert.Equal(hostile, args.Get<string>("name"));
    }

    [Fact]
    public void OrderBy_OutsideTheWhitelist_Throws() =>
        Assert.Throws<ArgumentException>(() => new SqlSpec("f.created_at").OrderBy("f.name; DROP TABLE flows"));

    [Fact]
    public void BuildPaged_CountsWithTheSameFiltersAndPagesTheList()
    {
        var (sql, args) = new SqlSpec("f.created_at")
            .Where("f.org_id = @org", new { org = Guid.Empty })
            .OrderBy("f.created_at", descending: true)
            .Page(new PageRequest(3, 10))
            .BuildPaged("SELECT f.id FROM flows f", "FROM flows f");

        var statements = sql.Split(";\n");
        Assert.Equal(2, statements.Length);
        Assert.StartsWith("SELECT count(*) FROM flows f\nWHERE (f.org_id = @org)", statements[0]);
        Assert.DoesNotContain("LIMIT", statements[0]);
        Assert.Contains("ORDER BY f.created_at DESC", statements[1]);
        Assert.Contains("LIMIT @spec_limit OFFSET @spec_offset", statements[1]);
        Assert.Equal(10, args.Get<int>("spec_limit"));
        Assert.Equal(20L, args.Get<long>("spec_offset"));
    }
}
