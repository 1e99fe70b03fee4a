namespace FastKube.Api.Defaulting;

/// <summary>
/// The tag of a container image reference as upstream's parsers.ParseImageName reports it: an
/// untagged reference without a digest means "latest"; a digest-only reference has no tag.
/// </summary>
internal static class ImageReference
{
    public static string Tag(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image.AsSpan(0, at) : image.AsSpan();
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > lastSlash)
        {
            return name[(colon + 1)..].ToString();
        }

        return at >= 0 ? "" : "latest";
    }
}
