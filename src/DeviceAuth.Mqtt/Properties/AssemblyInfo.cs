using System.Reflection;

[assembly: AssemblyTitle("DeviceAuth.Mqtt")]
[assembly: AssemblyDescription("MQTT session for .NET nanoFramework devices using custom-authorizer credentials: fresh credentials on every connect, proactive reconnect before disconnectAfterInSeconds, backoff with jitter, bounded outgoing queue.")]
[assembly: AssemblyProduct("DeviceAuth.nano")]
[assembly: AssemblyCopyright("Copyright (c) DeviceAuth.nano contributors")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
