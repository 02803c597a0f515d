using System.Collections.Generic;
using DeviceAuth.HostTests.Gate;
using Xunit;

namespace DeviceAuth.HostTests.Mqtt
{
    /// <summary>The nanoFramework API gate on the host build of DeviceAuth.Mqtt (its own packages.config).</summary>
    public class MqttGateTests
    {
        [Fact]
        public void DeviceAuthMqtt_CallsOnlyWhatTheDeviceHas()
        {
            NanoApiCatalog catalog = NanoApiGateTests.CatalogOrSkip("src/DeviceAuth.Mqtt/packages.config");
            IReadOnlyList<string> findings = NanoApiGate.Check(typeof(DeviceAuth.Mqtt.MqttSession).Assembly.Location, catalog, NanoApiGateTests.OwnDeviceAssemblies);
            Assert.True(findings.Count == 0, "DeviceAuth.Mqtt uses what the device lacks:\n" + string.Join("\n", findings));
        }
    }
}
