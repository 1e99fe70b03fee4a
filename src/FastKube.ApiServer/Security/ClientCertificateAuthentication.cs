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

    public async Task InvokeAsync(HttpContext context)
    {
        if (!AnonymousPaths.Contains(context.Request.Path.Value ?? ""))
        {
            var certificate = context.Connection.ClientCertificate;
            if (certificate is null || !CertificateTrust.Verify(certificate, ca, CertificateTrust.ClientAuth))
            {
                await StatusResponses.WriteAsync(context, StatusResponses.Failure(StatusCodes.Status401Unauthorized, StatusReasons.Unauthorized, "Unauthorized"))
                    .ConfigureAwait(false);
                return;
            }

            context.Features.Set(UserOf(certificate));
        }

        await next(context).ConfigureAwait(false);
    }

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
