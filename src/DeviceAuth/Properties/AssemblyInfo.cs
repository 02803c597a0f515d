using System.Reflection;

[assembly: AssemblyTitle("DeviceAuth")]
[assembly: AssemblyDescription("Custom-authorizer credentials for .NET nanoFramework devices: RSA-SHA256, JWT and HMAC tokens for AWS IoT Core and API Gateway.")]
[assembly: AssemblyProduct("DeviceAuth.nano")]
[assembly: AssemblyCopyright("Copyright (c) DeviceAuth.nano contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
