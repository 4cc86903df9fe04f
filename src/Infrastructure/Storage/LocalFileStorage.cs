using LeadGrid.Application.Common;
using Microsoft.Extensions.Configuration;

namespace LeadGrid.Infrastructure.Storage;

/// <summary>
/// Files under <c>Storage:Root</c> (default <c>./data/files</c>). A staged file is written to a unique temporary name
/// beside its final path and moved into place (an atomic rename on one file system) when published.
/// </summary>
internal sealed class LocalFileStorage(IConfiguration configuration) : IFileStorage
{
    private readonly string _root = Path.GetFullPath(configuration["Storage:Root"] is { Length: > 0 } root ? root : "./data/files");

    public async Task<IStagedFile> StageAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var final = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temporary = $"{final}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await file.WriteAsync(content, ct);
            await file.FlushAsync(ct);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return new StagedFile(temporary, final);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null);
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Storage key '{key}' leaves the storage root.", nameof(key));
        return path;
    }

    private sealed class StagedFile(string temporary, string final) : IStagedFile
    {
        public void Publish() => File.Move(temporary, final, overwrite: true);

        public void Discard() => File.Delete(temporary);
    }
}
