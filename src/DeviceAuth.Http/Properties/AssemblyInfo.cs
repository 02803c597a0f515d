using System.Reflection;

[assembly: AssemblyTitle("DeviceAuth.Http")]
[assembly: AssemblyDescription("HTTP session for .NET nanoFramework devices using custom-authorizer credentials: per-request credentials, keep-alive, renewal before expiry, one renewal on 401/403, backoff on 429/5xx, vended tokens.")]
[assembly: AssemblyProduct("DeviceAuth.nano")]
[assembly: AssemblyCopyright("Copyright (c) DeviceAuth.nano contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
