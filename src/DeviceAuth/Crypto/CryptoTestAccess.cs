using System.Runtime.CompilerServices;

// The crypto tests reach two internal seams: RsaSha256Signer.FaultHook (to prove a faulted CRT
// half never leaves the signer) and RsaSha256Signer.SecretBuffers (to prove Dispose clears them).
// NFUnitTest is the nanoFramework test assembly's name on the device, DeviceAuth.Tests its host
// build; DeviceAuth.HostTests holds the host-only tests.
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("DeviceAuth.Tests")]
[assembly: InternalsVisibleTo("DeviceAuth.HostTests")]
