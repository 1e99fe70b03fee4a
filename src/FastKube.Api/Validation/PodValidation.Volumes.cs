using FastKube.Api.Core;

namespace FastKube.Api.Validation;

internal static partial class PodValidation
{
    private const string FileModeErrorMsg = "must be a number between 0 and 0777 (octal), both inclusive";
    private const int MaxFileMode = 0x1FF;
    private static readonly string[] HostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    /// <summary>Validates the volumes and returns the names mounts may refer to (only valid volumes count, as upstream).</summary>
    private static HashSet<string> ValidateVolumes(List<Volume>? volumes, FieldPath path, FieldErrorList errs)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (volumes is null)
        {
            return names;
        }

        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            var p = path.Index(i);
            var before = errs.Count;
            ValidateVolumeSource(volume, p, errs);
            var name = volume.Name ?? "";
            if (name.Length == 0)
            {
                errs.Required(p.Child("name"));
            }
            else
            {
                Checks.Dns1123Label(name, p.Child("name"), errs);
            }

            if (names.Contains(name))
            {
                errs.Duplicate(p.Child("name"), name);
            }

            if (errs.Count == before)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static void ValidateVolumeSource(Volume v, FieldPath p, FieldErrorList errs)
    {
        var count = 0;
        if (v.EmptyDir is { } emptyDir && One(ref count, p.Child("emptyDir"), errs) && emptyDir.SizeLimit is { Sign: < 0 })
        {
            errs.Forbidden(p.Child("emptyDir").Child("sizeLimit"), "SizeLimit field must be a valid resource quantity");
        }

        if (v.HostPath is { } hostPath && One(ref count, p.Child("hostPath"), errs))
        {
            var hp = p.Child("hostPath");
            if (string.IsNullOrEmpty(hostPath.Path))
            {
                errs.Required(hp.Child("path"));
            }
            else
            {
                ValidateNoBacksteps(hostPath.Path, hp.Child("path"), errs);
                if (hostPath.Type is { } type && Array.IndexOf(HostPathTypes, type) < 0)
                {
                    errs.NotSupported(hp.Child("type"), type, HostPathTypes);
                }
            }
        }

        if (v.Secret is { } secret && One(ref count, p.Child("secret"), errs))
        {
            var sp = p.Child("secret");
            if (string.IsNullOrEmpty(secret.SecretName))
            {
                errs.Required(sp.Child("secretName"));
            }

            FileMode(secret.DefaultMode, sp.Child("defaultMode"), errs);
            KeyToPaths(secret.Items, sp.Child("items"), errs);
        }

        if (v.Nfs is { } nfs && One(ref count, p.Child("nfs"), errs))
        {
            var np = p.Child("nfs");
            if (string.IsNullOrEmpty(nfs.Server))
            {
                errs.Required(np.Child("server"));
            }

            if (string.IsNullOrEmpty(nfs.Path))
            {
                errs.Required(np.Child("path"));
            }
            else if (!nfs.Path.StartsWith('/'))
            {
                errs.Invalid(np.Child("path"), nfs.Path, "must be an absolute path");
            }
        }

        if (v.PersistentVolumeClaim is { } pvc && One(ref count, p.Child("persistentVolumeClaim"), errs) && string.IsNullOrEmpty(pvc.ClaimName))
        {
            errs.Required(p.Child("persistentVolumeClaim").Child("claimName"));
        }

        if (v.DownwardAPI is { } downward && One(ref count, p.Child("downwardAPI"), errs))
        {
            FileMode(downward.DefaultMode, p.Child("downwardAPI").Child("defaultMode"), errs);
            DownwardFiles(downward.Items, p.Child("downwardAPI").Child("items"), errs);
        }

        if (v.ConfigMap is { } configMap && One(ref count, p.Child("configMap"), errs))
        {
            var cp = p.Child("configMap");
            if (string.IsNullOrEmpty(configMap.Name))
            {
                errs.Required(cp.Child("name"));
            }

            FileMode(configMap.DefaultMode, cp.Child("defaultMode"), errs);
            KeyToPaths(configMap.Items, cp.Child("items"), errs);
        }

        if (v.Projected is { } projected && One(ref count, p.Child("projected"), errs))
        {
            ValidateProjected(projected, p.Child("projected"), errs);
        }

        if (v.Csi is { } csi && One(ref count, p.Child("csi"), errs) && string.IsNullOrEmpty(csi.Driver))
        {
            errs.Required(p.Child("csi").Child("driver"));
        }

        if (count == 0)
        {
            errs.Required(p, "must specify a volume type");
        }
    }

    private static bool One(ref int count, FieldPath path, FieldErrorList errs)
    {
        if (count > 0)
        {
            errs.Forbidden(path, "may not specify more than 1 volume type");
            return false;
        }

        count++;
        return true;
    }

    private static void FileMode(int? mode, FieldPath path, FieldErrorList errs)
    {
        if (mode is < 0 or > MaxFileMode)
        {
            errs.Invalid(path, mode.Value, FileModeErrorMsg);
        }
    }

    private static void KeyToPaths(List<KeyToPath>? items, FieldPath path, FieldErrorList errs)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var p = path.Index(i);
            if (string.IsNullOrEmpty(item.Key))
            {
                errs.Required(p.Child("key"));
            }

            if (string.IsNullOrEmpty(item.Path))
            {
                errs.Required(p.Child("path"));
            }

            ValidateLocalNonReservedPath(item.Path ?? "", p.Child("path"), errs);
            FileMode(item.Mode, p.Child("mode"), errs);
        }
    }

    private static void ValidateLocalNonReservedPath(string target, FieldPath path, FieldErrorList errs)
    {
        ValidateLocalDescendingPath(target, path, errs);
        if (target.StartsWith("..", StringComparison.Ordinal) && !target.StartsWith("../", StringComparison.Ordinal))
        {
            errs.Invalid(path, target, "must not start with '..'");
        }
    }

    private static void DownwardFiles(List<DownwardAPIVolumeFile>? items, FieldPath path, FieldErrorList errs)
    {
        if (items is null)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var p = path.Index(i);
            if (string.IsNullOrEmpty(item.Path))
            {
                errs.Required(p.Child("path"));
            }

            ValidateLocalNonReservedPath(item.Path ?? "", p.Child("path"), errs);
            FileMode(item.Mode, p.Child("mode"), errs);
            if (item.FieldRef is not null)
            {
                ValidateObjectFieldSelector(item.FieldRef, VolumeFieldPaths, p.Child("fieldRef"), errs);
                if (item.ResourceFieldRef is not null)
                {
                    errs.Invalid(p, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously");
                }
            }
            else if (item.ResourceFieldRef is not null)
            {
                ValidateResourceFieldSelector(item.ResourceFieldRef, p.Child("resourceFieldRef"), errs);
            }
            else
            {
                errs.Required(p, "one of fieldRef and resourceFieldRef is required");
            }
        }
    }

    private static void ValidateProjected(ProjectedVolumeSource projected, FieldPath path, FieldErrorList errs)
    {
        FileMode(projected.DefaultMode, path.Child("defaultMode"), errs);
        if (projected.Sources is null)
        {
            return;
        }

        for (var i = 0; i < projected.Sources.Count; i++)
        {
            var source = projected.Sources[i];
            var p = path.Child("sources").Index(i);
            var count = 0;
            if (source.Secret is { } secret && Projection(ref count, p.Child("secret"), errs))
            {
                if (string.IsNullOrEmpty(secret.Name))
                {
                    errs.Required(p.Child("secret").Child("name"));
                }

                KeyToPaths(secret.Items, p.Child("secret").Child("items"), errs);
            }

            if (source.ConfigMap is { } configMap && Projection(ref count, p.Child("configMap"), errs))
            {
                if (string.IsNullOrEmpty(configMap.Name))
                {
                    errs.Required(p.Child("configMap").Child("name"));
                }

                KeyToPaths(configMap.Items, p.Child("configMap").Child("items"), errs);
            }

            if (source.DownwardAPI is { } downward && Projection(ref count, p.Child("downwardAPI"), errs))
            {
                DownwardFiles(downward.Items, p.Child("downwardAPI").Child("items"), errs);
            }

            if (source.ServiceAccountToken is { } token && Projection(ref count, p.Child("serviceAccountToken"), errs))
            {
                var tp = p.Child("serviceAccountToken");
                if (token.ExpirationSeconds is < 600)
                {
                    errs.Invalid(tp.Child("expirationSeconds"), token.ExpirationSeconds.Value, "may not specify a duration less than 10 minutes");
                }
                else if (token.ExpirationSeconds is > uint.MaxValue)
                {
                    errs.Invalid(tp.Child("expirationSeconds"), token.ExpirationSeconds.Value, "may not specify a duration larger than 2^32 seconds");
                }

                if (string.IsNullOrEmpty(token.Path))
                {
                    errs.Required(tp.Child("path"));
                }
            }

            if (count == 0)
            {
                errs.Required(p, "must specify exactly one projection type");
            }
        }
    }

    private static bool Projection(ref int count, FieldPath path, FieldErrorList errs)
    {
        if (count > 0)
        {
            errs.Forbidden(path, "may not specify more than 1 projection type");
            return false;
        }

        count++;
        return true;
    }
}
