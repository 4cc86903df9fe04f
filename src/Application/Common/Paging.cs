using System.Buffers.Binary;

namespace LeadGrid.Application.Common;

/// <summary>
/// A page of a list (SPEC §1): page ≥ 1, per_page 1..100; or, instead of a page number, the cursor of the previous
/// answer (SPEC §4, cursor paging), which continues after the last row that answer held.
/// </summary>
public readonly record struct PageRequest(int Page, int PerPage, ListCursor? Cursor = null)
{
    public const int DefaultPerPage = 25;
    public const int MaxPerPage = 100;

    public static readonly PageRequest Default = new(1, DefaultPerPage);

    public long Offset => (long)(Page - 1) * PerPage;
}

/// <summary>
/// Where a listing ordered by (created_at, id) stopped: the sort key of the last row a page held. Rows inserted or
/// changed meanwhile cannot shift what follows it, unlike an offset. Opaque to clients: base64url of a version byte,
/// the listing's tag (a cursor of one listing is refused by another), the timestamp in microseconds and the id.
/// </summary>
public sealed record ListCursor(char Listing, DateTimeOffset CreatedAt, Guid Id)
{
    private const byte Version = 1;
    private const int Length = 1 + 1 + 8 + 16;

    /// <summary>The longest text a cursor may be (what <see cref="Encode"/> writes is shorter).</summary>
    public const int MaxLength = 64;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        bytes[1] = (byte)Listing;
        BinaryPrimitives.WriteInt64BigEndian(bytes[2..], (CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        Id.TryWriteBytes(bytes[10..], bigEndian: true, out _);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string? text, out ListCursor? cursor)
    {
        cursor = null;
        if (text is null || text.Length is 0 or > MaxLength) return false;
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        Span<byte> bytes = stackalloc byte[48];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != Length || bytes[0] != Version)
            return false;
        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes[2..]);
        if (micros is < 0 or > 253_402_300_799_000_000) return false; // up to 9999-12-31
        cursor = new ListCursor((char)bytes[1], DateTimeOffset.UnixEpoch.AddTicks(micros * 10), new Guid(bytes[10..Length], bigEndian: true));
        return true;
    }

    /// <summary>The cursor checked against the listing it is used on: one from another listing is a 400 naming <c>cursor</c>.</summary>
    public ListCursor For(char listing) =>
        Listing == listing ? this : throw Domain.Common.DomainException.Invalid(nameof(PageRequest.Cursor), "was given out by another listing; use the cursor of this listing's previous answer.");
}

/// <summary>
/// One page of results and the count of every match of the filters (or the cap, when not exact: SPEC §1).
/// <see cref="Page"/> is null when the page was asked for by cursor; <see cref="NextCursor"/> continues after this
/// page's last row (null on the last page, and for listings without cursor paging).
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, long Total, int? Page, int PerPage, bool TotalExact = true, bool HasMore = false,
    string? NextCursor = null)
{
    /// <summary>The same page with its rows turned into the representation.</summary>
    public Paged<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToArray(), Total, Page, PerPage, TotalExact, HasMore, NextCursor);
}

/// <summary>A row of a listing ordered by (created_at, id), which cursor paging can continue after.</summary>
public interface IKeysetRow
{
    Guid Id { get; }
    DateTimeOffset CreatedAt { get; }
}
