using System.Globalization;
using FastKube.Api.Core;

namespace FastKube.Api.Validation;

internal static partial class PodValidation
{
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];
    private static readonly string[] TerminationMessagePolicies = ["File", "FallbackToLogsOnError"];
    private static readonly string[] HttpSchemes = ["HTTP", "HTTPS"];
    private static readonly string[] MountPropagationModes = ["Bidirectional", "HostToContainer", "None"];

    // validEnvDownwardAPIFieldPathExpressions upstream, sorted as its NotSupported lists them;
    // labels and annotations reach env vars only one key at a time (subscripted).
    private static readonly string[] EnvFieldPaths =
    [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ];

    private static readonly string[] VolumeFieldPaths =
    [
        "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
    ];

    private static readonly string[] ResourceFieldPaths =
    [
        "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory",
    ];

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

    private static void ValidateEnv(List<EnvVar>? env, FieldPath path, FieldErrorList errs)
    {
        if (env is null)
        {
            return;
        }

        for (var i = 0; i < env.Count; i++)
        {
            var ev = env[i];
            var p = path.Index(i);
            var name = ev.Name ?? "";
            if (name.Length == 0)
            {
                errs.Required(p.Child("name"));
            }

            errs.InvalidEach(p.Child("name"), name, NameRules.IsRelaxedEnvVarName(name));
            ValidateEnvValueFrom(ev, p.Child("valueFrom"), errs);
        }
    }

    private static void ValidateEnvValueFrom(EnvVar ev, FieldPath path, FieldErrorList errs)
    {
        if (ev.ValueFrom is not { } from)
        {
            return;
        }

        var sources = 0;
        if (from.FieldRef is { } fieldRef)
        {
            sources++;
            ValidateObjectFieldSelector(fieldRef, EnvFieldPaths, path.Child("fieldRef"), errs);
        }

        if (from.ResourceFieldRef is { } resourceRef)
        {
            sources++;
            ValidateResourceFieldSelector(resourceRef, path.Child("resourceFieldRef"), errs);
        }

        if (from.ConfigMapKeyRef is { } cmRef)
        {
            sources++;
            ValidateKeySelector(cmRef.Name, cmRef.Key, path.Child("configMapKeyRef"), errs);
        }

        if (from.SecretKeyRef is { } secretRef)
        {
            sources++;
            ValidateKeySelector(secretRef.Name, secretRef.Key, path.Child("secretKeyRef"), errs);
        }

        if (sources == 0)
        {
            errs.Invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        }
        else if (!string.IsNullOrEmpty(ev.Value))
        {
            errs.Invalid(path, "", "may not be specified when `value` is not empty");
        }
        else if (sources > 1)
        {
            errs.Invalid(path, "", "may not have more than one field specified at a time");
        }
    }

    internal static void ValidateObjectFieldSelector(ObjectFieldSelector selector, string[] allowed, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(selector.ApiVersion))
        {
            errs.Required(path.Child("apiVersion"));
            return;
        }

        if (string.IsNullOrEmpty(selector.FieldPath))
        {
            errs.Required(path.Child("fieldPath"));
            return;
        }

        // metadata.labels['key'] and metadata.annotations['key'] select a single entry.
        var fieldPath = selector.FieldPath;
        var bracket = fieldPath.IndexOf("['", StringComparison.Ordinal);
        if (bracket > 0 && fieldPath.EndsWith("']", StringComparison.Ordinal))
        {
            var head = fieldPath[..bracket];
            var key = fieldPath[(bracket + 2)..^2];
            switch (head)
            {
                case "metadata.annotations":
                    Checks.QualifiedName(key.ToLowerInvariant(), path, errs);
                    break;
                case "metadata.labels":
                    Checks.QualifiedName(key, path, errs);
                    break;
                default:
                    errs.Invalid(path, head, "does not support subscript");
                    break;
            }

            return;
        }

        if (Array.IndexOf(allowed, fieldPath) < 0)
        {
            errs.NotSupported(path.Child("fieldPath"), fieldPath, allowed);
        }
    }

    internal static void ValidateResourceFieldSelector(ResourceFieldSelector selector, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(selector.Resource))
        {
            errs.Required(path.Child("resource"));
        }
        else if (Array.IndexOf(ResourceFieldPaths, selector.Resource) < 0
                 && !selector.Resource.StartsWith("limits.hugepages-", StringComparison.Ordinal)
                 && !selector.Resource.StartsWith("requests.hugepages-", StringComparison.Ordinal))
        {
            errs.NotSupported(path.Child("resource"), selector.Resource, ResourceFieldPaths);
        }
    }

    private static void ValidateKeySelector(string? name, string? key, FieldPath path, FieldErrorList errs)
    {
        errs.InvalidEach(path.Child("name"), name ?? "", NameRules.IsDNS1123Subdomain(name ?? ""));
        if (string.IsNullOrEmpty(key))
        {
            errs.Required(path.Child("key"));
        }
        else
        {
            errs.InvalidEach(path.Child("key"), key, NameRules.IsConfigMapKey(key));
        }
    }

    private static void ValidateEnvFrom(List<EnvFromSource>? envFrom, FieldPath path, FieldErrorList errs)
    {
        if (envFrom is null)
        {
            return;
        }

        for (var i = 0; i < envFrom.Count; i++)
        {
            var source = envFrom[i];
            var p = path.Index(i);
            if (!string.IsNullOrEmpty(source.Prefix))
            {
                errs.InvalidEach(p.Child("prefix"), source.Prefix, NameRules.IsRelaxedEnvVarName(source.Prefix));
            }

            var count = 0;
            if (source.ConfigMapRef is { } cm)
            {
                count++;
                RefName(cm.Name, p.Child("configMapRef").Child("name"), errs);
            }

            if (source.SecretRef is { } secret)
            {
                count++;
                RefName(secret.Name, p.Child("secretRef").Child("name"), errs);
            }

            if (count == 0)
            {
                errs.Invalid(path, "", "must specify one of: `configMapRef` or `secretRef`");
            }
            else if (count > 1)
            {
                errs.Invalid(path, "", "may not have more than one field specified at a time");
            }
        }
    }

    private static void RefName(string? name, FieldPath path, FieldErrorList errs)
    {
        if (string.IsNullOrEmpty(name))
        {
            errs.Required(path);
        }
        else
        {
            Checks.Dns1123Subdomain(name, path, errs);
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

    private static void ValidateProbe(Probe? probe, FieldPath path, bool mustSucceedOnce, FieldErrorList errs)
    {
        if (probe is null)
        {
            return;
        }

        ValidateHandler(probe.Exec, probe.HttpGet, probe.TcpSocket, probe.Grpc, null, path, errs);
        Checks.NonNegative(probe.InitialDelaySeconds, path.Child("initialDelaySeconds"), errs);
        Checks.NonNegative(probe.TimeoutSeconds, path.Child("timeoutSeconds"), errs);
        Checks.NonNegative(probe.PeriodSeconds, path.Child("periodSeconds"), errs);
        Checks.NonNegative(probe.SuccessThreshold, path.Child("successThreshold"), errs);
        Checks.NonNegative(probe.FailureThreshold, path.Child("failureThreshold"), errs);
        if (probe.TerminationGracePeriodSeconds is <= 0)
        {
            errs.Invalid(path.Child("terminationGracePeriodSeconds"), probe.TerminationGracePeriodSeconds.Value, "must be greater than 0");
        }

        // Liveness and startup probes end on the first success, so upstream pins the threshold.
        if (mustSucceedOnce && probe.SuccessThreshold is { } success && success != 1)
        {
            errs.Invalid(path.Child("successThreshold"), success, "must be 1");
        }
    }

    private static void ValidateLifecycle(Lifecycle lifecycle, FieldPath path, FieldErrorList errs)
    {
        if (lifecycle.PostStart is { } postStart)
        {
            ValidateHandler(postStart.Exec, postStart.HttpGet, postStart.TcpSocket, null, postStart.Sleep, path.Child("postStart"), errs);
        }

        if (lifecycle.PreStop is { } preStop)
        {
            ValidateHandler(preStop.Exec, preStop.HttpGet, preStop.TcpSocket, null, preStop.Sleep, path.Child("preStop"), errs);
        }
    }

    private static void ValidateHandler(ExecAction? exec, HTTPGetAction? httpGet, TCPSocketAction? tcp, GRPCAction? grpc, SleepAction? sleep, FieldPath path, FieldErrorList errs)
    {
        var handlers = 0;
        if (exec is not null && Count(ref handlers, path.Child("exec"), errs))
        {
            if (exec.Command is null || exec.Command.Count == 0)
            {
                errs.Required(path.Child("exec").Child("command"));
            }
        }

        if (httpGet is not null && Count(ref handlers, path.Child("httpGet"), errs))
        {
            var p = path.Child("httpGet");
            if (string.IsNullOrEmpty(httpGet.Path))
            {
                errs.Required(p.Child("path"));
            }

            Checks.PortNumOrName(httpGet.Port, p.Child("port"), errs);
            if (Array.IndexOf(HttpSchemes, httpGet.Scheme ?? "") < 0)
            {
                errs.NotSupported(p.Child("scheme"), httpGet.Scheme ?? "", HttpSchemes);
            }

            if (httpGet.HttpHeaders is not null)
            {
                foreach (var header in httpGet.HttpHeaders)
                {
                    errs.InvalidEach(p.Child("httpHeaders"), header.Name ?? "", NameRules.IsHTTPHeaderName(header.Name ?? ""));
                }
            }
        }

        if (tcp is not null && Count(ref handlers, path.Child("tcpSocket"), errs))
        {
            Checks.PortNumOrName(tcp.Port, path.Child("tcpSocket").Child("port"), errs);
        }

        if (grpc is not null && Count(ref handlers, path.Child("grpc"), errs))
        {
            errs.InvalidEach(path.Child("grpc").Child("port"), grpc.Port ?? 0, NameRules.IsValidPortNum(grpc.Port ?? 0));
        }

        if (sleep is not null && Count(ref handlers, path.Child("sleep"), errs) && sleep.Seconds is < 0)
        {
            errs.Invalid(path.Child("sleep").Child("seconds"), sleep.Seconds.Value, NameRules.IsNegativeErrorMsg);
        }

        if (handlers == 0)
        {
            errs.Required(path, "must specify a handler type");
        }
    }

    private static bool Count(ref int handlers, FieldPath path, FieldErrorList errs)
    {
        if (handlers > 0)
        {
            errs.Forbidden(path, "may not specify more than 1 handler type");
            return false;
        }

        handlers++;
        return true;
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
