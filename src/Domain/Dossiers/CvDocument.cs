using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Dossiers;

/// <summary>A CV as the API accepts it (SPEC §4): a PDF (content starts with <c>%PDF-</c>) of at most 10 MB.</summary>
public sealed class CvDocument
{
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The input a CV comes in (the upload's <c>cv</c> file).</summary>
    private const string Member = "Cv";

    private CvDocument(byte[] content) => Content = content;

    public ReadOnlyMemory<byte> Content { get; }

    public static CvDocument From(byte[] content)
    {
        if (content.Length > MaxBytes)
            throw new DomainException(DomainError.TooLarge, Member, "is larger than 10 MB (10,485,760 bytes).");
        if (!content.AsSpan().StartsWith("%PDF-"u8))
            throw DomainException.Invalid(Member, "must be a PDF (its content starts with %PDF-).");
        return new CvDocument(content);
    }
}
