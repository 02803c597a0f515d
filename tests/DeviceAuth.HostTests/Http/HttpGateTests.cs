using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using DeviceAuth.HostTests.Gate;
using Xunit;

namespace DeviceAuth.HostTests.Http
{
    /// <summary>The device-only keep-alive file of DeviceAuth.Http (the API gate row for the assembly is in Gate/NanoApiGateTests).</summary>
    public class HttpGateTests
    {
        [Fact]
        public void DeviceBuild_TurnsKeepAliveOn_WithTheDeviceMember()
        {
            // The device-only part sets ConnectionClose = false; the setter taking a Boolean exists on the device.
            string file = File.ReadAllText(RepoPaths.InRepo("src/DeviceAuth.Http/Device/HttpSession.KeepAlive.cs"));
            Assert.Contains("partial void EnableKeepAlive(HttpClient client)", file);
            Assert.Contains("client.DefaultRequestHeaders.ConnectionClose = false;", file);
            // Listed in the device project, absent from the host build.
            var compiles = XDocument.Load(RepoPaths.InRepo("src/DeviceAuth.Http/DeviceAuth.Http.nfproj")).Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => (string)e.Attribute("Include"));
            Assert.Contains(@"Device\HttpSession.KeepAlive.cs", compiles);
            Assert.DoesNotContain("KeepAlive", File.ReadAllText(RepoPaths.InRepo("src/DeviceAuth.Http/DeviceAuth.Http.projitems")));

            // Last, as it needs ../shared: the members it uses exist on the device.
            string list = File.ReadAllText(RepoPaths.SharedOrSkip("nano-api/System.Net.Http.txt"));
            Assert.Contains("M:System.Net.Http.Headers.HttpRequestHeaders.set_ConnectionClose(System.Boolean)", list);
            Assert.Contains("M:System.Net.Http.HttpClient.get_DefaultRequestHeaders", list);
        }
    }
}
