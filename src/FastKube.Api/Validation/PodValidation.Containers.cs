using System.Globalization;
using FastKube.Api.Core;

namespace FastKube.Api.Validation;

internal static partial class PodValidation
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] TerminationMessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] MountPropagationModes = ["Bidirectional", "HostToContainer", "None"];

    private static void ValidateContainers(List<Container>? containers, HashSet<string> volumes, FieldPath path, FieldErrorList errs)
    {
        if (containers is null || containers.Count == 0)
        {
            errs.Required(path);
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            var p = path.Index(i);
            ValidateContainerCommon(c, volumes, p, errs);
            if (!names.Add(c.Name ?? ""))
            {
                errs.Duplicate(p.Child("name"), c.Name ?? "");
            }

            if (c.Lifecycle is not null)
            {
                ValidateLifecycle(c.Lifecycle, p.Child("lifecycle"), errs);
            }

            ValidateProbe(c.LivenessProbe, p.Child("livenessProbe"), mustSucceedOnce: true, errs);
            ValidateProbe(c.ReadinessProbe, p.Child("readinessProbe"), mustSucceedOnce: false, errs);
            ValidateProbe(c.StartupProbe, p.Child("startupProbe"), mustSucceedOnce: true, errs);
            if (c.RestartPolicy is not null)
            {
                errs.Forbidden(p.Child("restartPolicy"), "may not be set for non-init containers");
            }
        }

        CheckHostPortConflicts(containers, 0, containers.Count, path, errs);
    }

    private static void ValidateInitContainers(List<Container>? inits, List<Container>? regular, HashSet<string> volumes, FieldPath path, FieldErrorList errs)
    {
        if (inits is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        if (regular is not null)
        {
            foreach (var c in regular)
            {
                names.Add(c.Name ?? "");
            }
        }

        for (var i = 0; i < inits.Count; i++)
        {
            var c = inits[i];
            var p = path.Index(i);
            ValidateContainerCommon(c, volumes, p, errs);
            var sidecar = false;
            if (c.RestartPolicy is not null)
            {
                if (c.RestartPolicy != "Always")
                {
                    errs.NotSupported(p.Child("restartPolicy"), c.RestartPolicy, ["Always"]);
                }

                sidecar = c.RestartPolicy == "Always";
            }

            if (names.Contains(c.Name ?? ""))
            {
                errs.Duplicate(p.Child("name"), c.Name ?? "");
            }
            else if (!string.IsNullOrEmpty(c.Name))
            {
                names.Add(c.Name);
            }

            // Init containers run one at a time, so host ports only conflict within one of them.
            CheckHostPortConflicts(inits, i, i + 1, path, errs);
            if (sidecar)
            {
                if (c.Lifecycle is not null)
                {
                    ValidateLifecycle(c.Lifecycle, p.Child("lifecycle"), errs);
                }

                ValidateProbe(c.LivenessProbe, p.Child("livenessProbe"), mustSucceedOnce: true, errs);
                ValidateProbe(c.ReadinessProbe, p.Child("readinessProbe"), mustSucceedOnce: false, errs);
                ValidateProbe(c.StartupProbe, p.Child("startupProbe"), mustSucceedOnce: true, errs);
                continue;
            }

            if (c.Lifecycle is not null)
            {
                errs.Forbidden(p.Child("lifecycle"), "may not be set for init containers without restartPolicy=Always");
            }

            if (c.LivenessProbe is not null)
            {
                errs.Forbidden(p.Child("livenessProbe"), "may not be set for init containers without restartPolicy=Always");
            }

            if (c.ReadinessProbe is not null)
            {
                errs.Forbidden(p.Child("readinessProbe"), "may not be set for init containers");
            }

            if (c.StartupProbe is not null)
            {
                errs.Forbidden(p.Child("startupProbe"), "may not be set for init containers without restartPolicy=Always");
            }
        }
    }

    private static void ValidateContainerCommon(Container c, HashSet<string> volumes, FieldPath p, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(c.Name))
        {
            errs.Required(p.Child("name"));
        }
        else
        {
            Checks.Dns1123Label(c.Name, p.Child("name"), errs);
        }

        if (string.IsNullOrEmpty(c.Image))
        {
            errs.Required(p.Child("image"));
        }

        SupportedRequired(c.TerminationMessagePolicy, TerminationMessagePolicies, p.Child("terminationMessagePolicy"), errs);
        ValidateContainerPorts(c.Ports, p.Child("ports"), errs);
        ValidateEnv(c.Env, p.Child("env"), errs);
        ValidateEnvFrom(c.EnvFrom, p.Child("envFrom"), errs);
        ValidateVolumeMounts(c, volumes, p.Child("volumeMounts"), errs);
        SupportedRequired(c.ImagePullPolicy, PullPolicies, p.Child("imagePullPolicy"), errs);
        ValidateResources(c.Resources, p.Child("resources"), errs);
        ValidateContainerSecurityContext(c.SecurityContext, p.Child("securityContext"), errs);
    }

    private static void ValidateContainerPorts(List<ContainerPort>? ports, FieldPath path, FieldErrorList errs)
    {
        if (ports is null)
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var p = path.Index(i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                var msgs = NameRules.IsValidPortName(port.Name);
                if (msgs.Count > 0)
                {
                    errs.InvalidEach(p.Child("name"), port.Name, msgs);
                }
                else if (!names.Add(port.Name))
                {
                    errs.Duplicate(p.Child("name"), port.Name);
                }
            }

            if (port.Port is null or 0)
            {
                errs.Required(p.Child("containerPort"));
            }
            else
            {
                errs.InvalidEach(p.Child("containerPort"), port.Port.Value, NameRules.IsValidPortNum(port.Port.Value));
            }

            if (port.HostPort is { } hostPort and not 0)
            {
                errs.InvalidEach(p.Child("hostPort"), hostPort, NameRules.IsValidPortNum(hostPort));
            }

            Checks.Protocol(port.Protocol, p.Child("protocol"), errs);
        }
    }

    private static void CheckHostPortConflicts(List<Container> containers, int from, int to, FieldPath path, FieldErrorList errs)
    {
        HashSet<string>? seen = null;
        for (var c = from; c < to; c++)
        {
            var ports = containers[c].Ports;
            if (ports is null)
            {
                continue;
            }

            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i].HostPort is not { } hostPort || hostPort == 0)
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"{ports[i].HostIP}/{ports[i].Protocol}/{hostPort}");
                if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(key))
                {
                    errs.Duplicate(path.Index(c).Child("ports").Index(i).Child("hostPort"), key);
                }
            }
        }
    }

    private static void ValidateVolumeMounts(Container c, HashSet<string> volumes, FieldPath path, FieldErrorList errs)
    {
        if (c.VolumeMounts is null)
        {
            return;
        }

        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < c.VolumeMounts.Count; i++)
        {
            var mount = c.VolumeMounts[i];
            var p = path.Index(i);
            var name = mount.Name ?? "";
            if (name.Length == 0)
            {
                errs.Required(p.Child("name"));
            }

            if (!volumes.Contains(name))
            {
                errs.NotFound(p.Child("name"), name);
            }

            var mountPath = mount.MountPath ?? "";
            if (mountPath.Length == 0)
            {
                errs.Required(p.Child("mountPath"));
            }

            if (!mountPoints.Add(mountPath))
            {
                errs.Invalid(p.Child("mountPath"), mountPath, "must be unique");
            }

            if (!string.IsNullOrEmpty(mount.SubPath))
            {
                ValidateLocalDescendingPath(mount.SubPath, path.Child("subPath"), errs);
            }

            if (!string.IsNullOrEmpty(mount.SubPathExpr))
            {
                if (!string.IsNullOrEmpty(mount.SubPath))
                {
                    errs.Invalid(p.Child("subPathExpr"), mount.SubPathExpr, "subPathExpr and subPath are mutually exclusive");
                }

                ValidateLocalDescendingPath(mount.SubPathExpr, path.Child("subPathExpr"), errs);
            }

            if (mount.MountPropagation is { } propagation)
            {
                if (Array.IndexOf(MountPropagationModes, propagation) < 0)
                {
                    errs.NotSupported(p.Child("mountPropagation"), propagation, MountPropagationModes);
                }
                else if (propagation == "Bidirectional" && c.SecurityContext?.Privileged != true)
                {
                    errs.Forbidden(p.Child("mountPropagation"), "Bidirectional mount propagation is available only to privileged containers");
                }
            }
        }
    }

    internal static void ValidateLocalDescendingPath(string target, FieldPath path, FieldErrorList errs)
    {
        if (target.StartsWith('/'))
        {
            errs.Invalid(path, target, "must be a relative path");
        }

        ValidateNoBacksteps(target, path, errs);
    }

    internal static void ValidateNoBacksteps(string target, FieldPath path, FieldErrorList errs)
    {
        foreach (var part in target.Split('/'))
        {
            if (part == "..")
            {
                errs.Invalid(path, target, "must not contain '..'");
                return;
            }
        }
    }

    private static void ValidateResources(ResourceRequirements? resources, FieldPath path, FieldErrorList errs)
    {
        if (resources is null)
        {
            return;
        }

        var limitsPath = path.Child("limits");
        var requestsPath = path.Child("requests");
        if (resources.Limits is not null)
        {
            foreach (var (name, quantity) in resources.Limits)
            {
                ResourceValidation.ValidateContainerResourceName(name, limitsPath.Key(name), errs);
                ResourceValidation.ValidateQuantityValue(name, quantity, limitsPath.Key(name), errs);
            }
        }

        if (resources.Requests is null)
        {
            return;
        }

        foreach (var (name, quantity) in resources.Requests)
        {
            ResourceValidation.ValidateContainerResourceName(name, requestsPath.Key(name), errs);
            ResourceValidation.ValidateQuantityValue(name, quantity, requestsPath.Key(name), errs);
            if (resources.Limits is not null && resources.Limits.TryGetValue(name, out var limit))
            {
                if (quantity != limit && !ResourceValidation.IsOvercommitAllowed(name))
                {
                    errs.Invalid(requestsPath, quantity.ToString(), "must be equal to " + name + " limit of " + limit);
                }
                else if (quantity > limit)
                {
                    errs.Invalid(requestsPath, quantity.ToString(), "must be less than or equal to " + name + " limit of " + limit);
                }
            }
            else if (!ResourceValidation.IsOvercommitAllowed(name))
            {
                errs.Required(limitsPath, "Limit must be set for non overcommitable resources");
            }
        }
    }
}
