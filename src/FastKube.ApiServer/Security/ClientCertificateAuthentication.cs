using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using FastKube.Api.Meta;
using FastKube.ApiServer.Http;
using Microsoft.AspNetCore.Http;

namespace FastKube.ApiServer.Security;

/// <summary>The authenticated caller: user name and groups.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups);

/// <summary>
/// x509 client-certificate authentication as kube-apiserver does it: TLS asks for a certificate but
/// accepts the handshake without one; here a request whose certificate is absent or does not chain
/// to the cluster CA gets 401 Unauthorized. CN is the user name and each O a group.
/// Health endpoints stay anonymous, as upstream's default RBAC allows them to everyone.
/// </summary>
internal sealed class ClientCertificateAuthentication(RequestDelegate next, X509Certificate2 ca)
{
    private static readonly HashSet<string> AnonymousPaths = new(StringComparer.Ordinal) { "/healthz", "/livez", "/readyz" };

    // The client certificate object is fixed for the life of a TLS connection, so its chain is built once
    // (an X509Chain build costs far more than serving a small request) and the verdict kept beside it. The
    // table is thread-safe (HTTP/2 streams of one connection run concurrently; connection items are a plain
    // Dictionary) and lets entries go with their certificates.
    private readonly ConditionalWeakTable<X509Certificate2, Verdict> _verdicts = new();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!AnonymousPaths.Contains(context.Request.Path.Value ?? ""))
        {
            if (Authenticate(context) is not { } user)
            {
                await StatusResponses.WriteAsync(context, StatusResponses.Failure(StatusCodes.Status401Unauthorized, StatusReasons.Unauthorized, "Unauthorized"))
                    .ConfigureAwait(false);
                return;
            }

            context.Features.Set(user);
        }

        await next(context).ConfigureAwait(false);
    }

    private UserInfo? Authenticate(HttpContext context) =>
        context.Connection.ClientCertificate is { } certificate
            ? _verdicts.GetValue(certificate, c => new Verdict(CertificateTrust.Verify(c, ca, CertificateTrust.ClientAuth) ? UserOf(c) : null)).User
            : null;

    private sealed record Verdict(UserInfo? User);

    public static UserInfo UserOf(X509Certificate2 certificate)
    {
        var groups = new List<string>();
        string name = "";
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            switch (rdn.GetSingleElementType().Value)
            {
                case "2.5.4.3": // commonName
                    name = rdn.GetSingleElementValue() ?? "";
                    break;
                case "2.5.4.10": // organizationName
                    groups.Add(rdn.GetSingleElementValue() ?? "");
                    break;
            }
        }

        return new UserInfo(name, groups);
    }
}
