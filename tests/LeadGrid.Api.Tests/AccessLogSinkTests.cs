using System.Text;
using System.Text.Json;
using LeadGrid.Api.Logging;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Issue 20: the access log's buffered writer. Lines written from many threads at once arrive whole, each once, as
/// JSON of the console formatter's shape; a path longer than the stack buffer is written whole; shutdown writes what
/// is pending; a stalled output makes writers wait instead of dropping lines.
/// </summary>
public class AccessLogSinkTests
{
    [Fact]
    public async Task LinesFromManyThreads_ArriveWholeAndOnce_BesideAnotherWriterOfTheSameOutput()
    {
        var text = new StringWriter();
        var output = TextWriter.Synchronized(text); // as Console.Out is
        using (var sink = new AccessLogSink(output))
        {
            var writers = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    if (i % 100 == 0) output.Write("{\"Category\":\"other\"}\n"); // the console logger's own lines
                    sink.Write(new AccessLogEntry("GET", $"/api/v1/dossiers/{t}-{i}", "/api/v1/dossiers/{id}", 200, 1.5, $"r-{t}-{i}",
                        t % 2 == 0 ? "org" : null, null));
                }
            })).ToArray();
            await Task.WhenAll(writers);
        }

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var access = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(l => l.GetProperty("Category").GetString() == "LeadGrid.Api.AccessLog").ToArray();
        Assert.Equal(16_000, access.Length);
        Assert.Equal(16_000, access.Select(l => l.GetProperty("State").GetProperty("RequestId").GetString()).Distinct().Count());
        Assert.Equal(160, lines.Length - access.Length);
        var first = access.Single(l => l.GetProperty("State").GetProperty("RequestId").GetString() == "r-0-7");
        Assert.Equal("Information", first.GetProperty("LogLevel").GetString());
        Assert.Equal("GET /api/v1/dossiers/0-7 answered 200 in 1.500 ms", first.GetProperty("Message").GetString());
        Assert.Equal("/api/v1/dossiers/{id}", first.GetProperty("State").GetProperty("RouteTemplate").GetString());
        Assert.Equal("org", first.GetProperty("State").GetProperty("OrganizationId").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("State").GetProperty("KeyPrefix").ValueKind);
        Assert.True(DateTime.TryParse(first.GetProperty("Timestamp").GetString(), out _));
    }

    [Fact]
    public void ALongPath_AndNoRoute_AreWrittenWhole_AndShutdownWritesWhatIsPending()
    {
        var output = new StringWriter();
        var path = "/" + new string('é', 3_000);
        using (var sink = new AccessLogSink(output))
            sink.Write(new AccessLogEntry("POST", path, default, 404, 0.25, "long", null, null));

        var line = JsonDocument.Parse(output.ToString().TrimEnd('\n')).RootElement;
        Assert.Equal(path, line.GetProperty("State").GetProperty("Path").GetString());
        Assert.Equal($"POST {path} answered 404 in 0.250 ms", line.GetProperty("Message").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("State").GetProperty("RouteTemplate").ValueKind);
    }

    [Fact]
    public void ALineOfARequestEndingAfterShutdown_IsStillWritten()
    {
        var output = new StringWriter();
        var sink = new AccessLogSink(output);
        sink.Dispose();
        sink.Write(new AccessLogEntry("GET", "/late", "/late", 200, 0.5, "late", null, null));

        Assert.Contains("\"RequestId\":\"late\"", output.ToString());
    }

    [Fact]
    public async Task AStalledOutput_MakesWritersWait_AndLosesNothing()
    {
        var output = new GatedWriter();
        var sink = new AccessLogSink(output);
        var entries = AccessLogSink.MaxPendingBytes / 200 + 5_000; // more than the pending batch holds
        var writing = Task.Run(() =>
        {
            for (var i = 0; i < entries; i++)
                sink.Write(new AccessLogEntry("GET", "/health", "/health", 200, 0.1, $"s-{i}", null, null));
        });
        await Task.Delay(500);
        Assert.False(writing.IsCompleted); // blocked behind the stalled output, not dropping
        output.Open();
        await writing.WaitAsync(TimeSpan.FromSeconds(30));
        sink.Dispose();

        Assert.Equal(entries, output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>An output that blocks every write until opened.</summary>
    private sealed class GatedWriter : TextWriter
    {
        private readonly ManualResetEventSlim _open = new();
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text) return _text.ToString();
            }
        }

        public void Open() => _open.Set();

        public override void Write(char[] buffer, int index, int count)
        {
            _open.Wait();
            lock (_text) _text.Append(buffer, index, count);
        }

        public override void Write(char value) => Write([value], 0, 1);
    }
}
