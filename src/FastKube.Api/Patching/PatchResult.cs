using System.Text.Json.Nodes;

namespace FastKube.Api.Patching;

/// <summary>How a patch application ended.</summary>
public enum PatchStatus
{
    Ok,

    /// <summary>The patch document itself is malformed (unknown op, missing field, bad pointer syntax): 400 on the API.</summary>
    InvalidPatch,

    /// <summary>The patch is well formed but cannot apply to this object (missing path, failed test): 422 on the API.</summary>
    NotApplicable,

    /// <summary>More operations than the server allows (upstream: 10,000 per JSON patch): 413 on the API.</summary>
    TooLarge,
}

/// <summary>The patched document, or what stopped the patch (errors are values: patches arrive from clients).</summary>
public readonly record struct PatchResult(PatchStatus Status, JsonNode? Document, string Error)
{
    public static PatchResult Success(JsonNode? document) => new(PatchStatus.Ok, document, "");

    public static PatchResult Invalid(string error) => new(PatchStatus.InvalidPatch, null, error);

    public static PatchResult Inapplicable(string error) => new(PatchStatus.NotApplicable, null, error);

    public static PatchResult TooLarge(string error) => new(PatchStatus.TooLarge, null, error);
}
