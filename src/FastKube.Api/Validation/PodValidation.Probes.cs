using FastKube.Api.Core;

namespace FastKube.Api.Validation;

internal static partial class PodValidation
{
    private static readonly string[] HttpSchemes = ["HTTP", "HTTPS"];

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
}
