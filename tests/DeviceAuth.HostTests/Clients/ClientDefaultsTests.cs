using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DeviceAuth.Credentials;
using DeviceAuth.Endpoints;
using DeviceAuth.Http;
using DeviceAuth.Mqtt;
using DeviceAuth.Tests.Tokens;
using DeviceAuth.Tokens;
using Xunit;

namespace DeviceAuth.HostTests.Clients
{
    /// <summary>
    /// The documentation of every settable option of the device clients states its default, and for
    /// numbers its range; both are read from the XML documentation the build generates and checked
    /// against a fresh instance: the default against the getter (which reads the one field initializer,
    /// here or in the part that owns the setting), the range against the setter (both bounds accepted,
    /// one past each refused).
    /// </summary>
    public class ClientDefaultsTests
    {
        private static readonly ServiceEndpoint Domain = ServiceEndpoint.IotDomainConfiguration("mqtt.example.com", IotAuthenticationType.CustomAuth, IotApplicationProtocol.SecureMqtt);
        private static readonly ServiceEndpoint Iot = ServiceEndpoint.IotDefaultDataEndpoint("a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com");
        private static readonly ServiceEndpoint Api = ServiceEndpoint.ApiGateway("abc123.execute-api.eu-west-1.amazonaws.com");

        /// <summary>Fresh options of each kind.</summary>
        private static readonly Dictionary<string, Func<object>> Fresh = new()
        {
            ["mqtt"] = () => CustomAuthMqttOptions.ForSignedTokens(Domain, "thing-42", "authorizer", "token", FakeSigner.Rs256()),
            ["iot-http"] = () => CustomAuthHttpOptions.ForSignedTokens(Iot, "thing-42", "authorizer", "token", FakeSigner.Rs256()),
            ["api-jwt"] = () => ApiGatewayOptions.ForJwtSource(Api, new StaticTokenSource("a.b.c", null)),
        };

        public static TheoryData<string> Kinds() => new(Fresh.Keys);

        private static string Summary(PropertyInfo p)
        {
            string xml = Path.ChangeExtension(p.DeclaringType!.Assembly.Location, ".xml");
            Assert.True(File.Exists(xml), "no XML documentation next to " + p.DeclaringType.Assembly.Location);
            string id = "P:" + p.DeclaringType.FullName + "." + p.Name;
            XElement member = XDocument.Load(xml).Descendants("member").SingleOrDefault(m => (string)m.Attribute("name") == id);
            Assert.True(member != null, id + " is not documented");
            return string.Concat(member.Element("summary")!.Nodes().Select(n => n is XElement e ? "<" + e.Name + ">" + e.Value + "</" + e.Name + ">" : n.ToString())).Trim();
        }

        /// <summary>What the summary says the default is, against the value; null when they agree.</summary>
        internal static string DefaultMismatch(string summary, object actual)
        {
            Match number = Regex.Match(summary, @"default (-?\d+)\b");
            Match code = Regex.Match(summary, @"default <c>([^<]*)</c>");
            string stated = number.Success ? number.Groups[1].Value
                : code.Success ? code.Groups[1].Value
                : Regex.IsMatch(summary, @"default null\b") ? "(null)"
                : Regex.IsMatch(summary, @"default empty\b") ? string.Empty
                : null;
            if (stated == null)
            {
                return "states no default it can be checked against: " + summary;
            }

            string value = actual == null ? "(null)" : Convert.ToString(actual, System.Globalization.CultureInfo.InvariantCulture);
            return stated == value ? null : "states default " + stated + " but the initializer gives " + value;
        }

        /// <summary>What the summary says the range is, against the setter; empty when they agree or no range is stated.</summary>
        internal static List<string> RangeMismatches(string summary, Func<object> fresh, Action<object, int> set)
        {
            var problems = new List<string>();
            Match range = Regex.Match(summary, @"\((-?\d+)-(-?\d+)");
            if (!range.Success)
            {
                return problems;
            }

            int min = int.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int max = int.Parse(range.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            foreach ((int value, bool accepted) in new[] { (min, true), (max, true), (min - 1, false), (max + 1, false) })
            {
                bool ok;
                try
                {
                    set(fresh(), value);
                    ok = true;
                }
                catch (ArgumentOutOfRangeException)
                {
                    ok = false;
                }

                if (ok != accepted)
                {
                    problems.Add(value + (accepted ? " is in the stated range but refused" : " is outside the stated range but accepted"));
                }
            }

            return problems;
        }

        private static void Set(PropertyInfo p, object target, object value)
        {
            try
            {
                p.SetValue(target, value);
            }
            catch (TargetInvocationException e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
            }
        }

        [Theory]
        [MemberData(nameof(Kinds))]
        public void EverySettableOption_StatesItsDefault_AndTheInitializerGivesIt_AndItsRange_AndTheSetterEnforcesIt(string kind)
        {
            Func<object> fresh = Fresh[kind];
            var settable = fresh().GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod != null && p.SetMethod.IsPublic).ToList();
            Assert.NotEmpty(settable);
            var problems = new List<string>();
            foreach (PropertyInfo p in settable)
            {
                string summary = Summary(p);
                if (p.PropertyType == typeof(int) || p.PropertyType == typeof(string) || !p.PropertyType.IsValueType)
                {
                    string mismatch = DefaultMismatch(summary, p.GetValue(fresh()));
                    if (mismatch != null)
                    {
                        problems.Add(p.Name + ": " + mismatch);
                    }
                }
                else
                {
                    Assert.Contains("default", summary, StringComparison.Ordinal);
                }

                if (p.PropertyType == typeof(int))
                {
                    problems.AddRange(RangeMismatches(summary, fresh, (o, v) => Set(p, o, v)).Select(m => p.Name + ": " + m));
                }
            }

            Assert.True(problems.Count == 0, kind + ":\n" + string.Join("\n", problems));
        }

        [Fact]
        public void EnumDefaults_AreTheDocumentedOnes()
        {
            // "Where the token goes: the username (default with a tokenKeyName) or ... the password (default without one)".
            Assert.Equal(MqttTokenPlacement.UsernameParameter, ((CustomAuthMqttOptions)Fresh["mqtt"]()).TokenPlacement);
            Assert.Equal(MqttTokenPlacement.Password, CustomAuthMqttOptions.ForHmacTokens(Domain, "thing-42", "authorizer", null, FakeSigner.Hs256(1)).TokenPlacement);

            // "Where the authorizer values go: headers (default) or the query string".
            Assert.Equal(AwsIotHttpPlacement.Headers, ((CustomAuthHttpOptions)Fresh["iot-http"]()).Placement);
        }

        [Fact]
        public void DefaultPort_IsTheEndpointsMqttPort_AndTheDefaultIdentitySource_IsTheComposersConstant()
        {
            Assert.Equal(Domain.DefaultPort(TransportProtocol.Mqtt), ((CustomAuthMqttOptions)Fresh["mqtt"]()).Port);
            Assert.Equal(ApiGatewayJwtAuthorization.DefaultIdentitySource, ((ApiGatewayOptions)Fresh["api-jwt"]()).JwtIdentitySource);
        }

        [Theory]
        [InlineData("How long (0-600; default 15).", 15, null)]
        [InlineData("How long (0-600; default 15).", 16, "states default 15 but the initializer gives 16")]
        [InlineData("The CA, or null (default null).", null, null)]
        [InlineData("The prefix (default empty).", "", null)]
        [InlineData("Where (default <c>$request.header.Authorization</c>).", "$request.header.Authorization", null)]
        [InlineData("A setting with no stated default.", 3, "states no default it can be checked against: A setting with no stated default.")]
        public void DefaultCheck_CanFail(string summary, object actual, string expected) =>
            Assert.Equal(expected, DefaultMismatch(summary, actual));

        [Fact]
        public void RangeCheck_CanFail()
        {
            // A setter that accepts 0-11 while the doc says 0-10, and refuses 0.
            var problems = RangeMismatches("Count (0-10; default 5).", () => new object(), (o, v) =>
            {
                if (v < 1 || v > 11)
                {
                    throw new ArgumentOutOfRangeException(nameof(v));
                }
            });
            Assert.Equal(new[] { "0 is in the stated range but refused", "11 is outside the stated range but accepted" }, problems);
        }
    }
}
