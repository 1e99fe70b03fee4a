namespace FastKube.Api.Validation;

/// <summary>
/// Upstream's names.SimpleNameGenerator: metadata.generateName plus five random characters from
/// an alphabet without vowels (so no words form) and without look-alike digits, the base cut so
/// the result still fits a 63-character DNS label.
/// </summary>
public static class GeneratedNames
{
    public const int RandomLength = 5;
    public const int MaxNameLength = 63;
    public const int MaxGeneratedNameLength = MaxNameLength - RandomLength;

    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Generate(string generateName, Random random)
    {
        var baseName = generateName.Length > MaxGeneratedNameLength ? generateName[..MaxGeneratedNameLength] : generateName;
        return string.Create(baseName.Length + RandomLength, (baseName, random), static (span, state) =>
        {
            state.baseName.AsSpan().CopyTo(span);
            for (var i = state.baseName.Length; i < span.Length; i++)
            {
                span[i] = Alphabet[state.random.Next(Alphabet.Length)];
            }
        });
    }
}
