namespace LeadGrid.Application.Common;

/// <summary>Where files such as CVs live. Writes are staged, so a file appears under its key only once published.</summary>
public interface IFileStorage
{
    /// <summary>Writes the content beside its final place; nothing under <paramref name="key"/> changes yet.</summary>
    Task<IStagedFile> StageAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>The stored file, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);
}

public interface IStagedFile
{
    /// <summary>Puts the file in place, replacing what was there (after the change it belongs to has committed).</summary>
    void Publish();

    /// <summary>Removes the staged content (the change it belonged to was rolled back).</summary>
    void Discard();
}

public static class StagedFileSessionExtensions
{
    /// <summary>Publishes the file if the session's transaction commits, discards it if it rolls back.</summary>
    public static void Enlist(this IDbSession session, IStagedFile file)
    {
        session.AfterCommit(file.Publish);
        session.AfterRollback(file.Discard);
    }
}
