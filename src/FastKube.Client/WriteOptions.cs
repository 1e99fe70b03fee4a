namespace FastKube.Client;

/// <summary>Query options of create, update and patch (meta/v1 CreateOptions, UpdateOptions, PatchOptions).</summary>
public sealed record WriteOptions
{
    /// <summary>dryRun=All: validate and answer, store nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Strict, Warn or Ignore; null leaves the parameter out (the server then warns, as upstream).</summary>
    public string? FieldValidation { get; init; }

    /// <summary>fieldManager, the name of the actor making the change.</summary>
    public string? FieldManager { get; init; }
}
