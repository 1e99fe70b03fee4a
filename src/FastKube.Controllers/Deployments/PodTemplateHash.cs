using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FastKube.Api.Core;

namespace FastKube.Controllers.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> label value that names a Deployment's ReplicaSets: FNV-1a (32 bit) of the
/// pod template, then of the collision count when there is one, written as the decimal number in
/// upstream's vowel-free alphabet (rand.SafeEncodeString) so it never spells a word. Upstream hashes Go's
/// spew dump of the template; FastKube hashes the template's canonical JSON (<see cref="TemplateJson"/>),
/// so values differ from upstream's but are just as stable for one template.
/// </summary>
internal static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    private const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(PodTemplateSpec template, int? collisionCount)
    {
        var hash = Fnv1a(2166136261, Encoding.UTF8.GetBytes(TemplateJson.Canonical(template)));
        if (collisionCount is { } count)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)count);
            hash = Fnv1a(hash, bytes);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Create(digits.Length, digits, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = Alphanumerics[text[i] % Alphanumerics.Length];
            }
        });
    }

    private static uint Fnv1a(uint hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619;
        }

        return hash;
    }
}
