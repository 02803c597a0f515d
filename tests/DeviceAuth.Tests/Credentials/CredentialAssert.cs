using System;
using DeviceAuth.Credentials;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Credentials
{
    /// <summary>Asserts a <see cref="CredentialFormatException"/> with a given reason whose message does not echo a secret.</summary>
    public static class CredentialAssert
    {
        public static void Throws(CredentialFormatReason reason, Action action, string secret)
        {
            try
            {
                action();
            }
            catch (CredentialFormatException e)
            {
                Assert.AreEqual((int)reason, (int)e.Reason, "reason; message: " + e.Message);
                if (secret != null && secret.Length > 0)
                {
                    Assert.DoesNotContains(secret, e.Message);
                }

                return;
            }

            Assert.IsTrue(false, "No CredentialFormatException thrown; expected reason " + ((int)reason).ToString());
        }

        public static int Count(string s, char c)
        {
            return DeviceAuth.Tests.Encoding.TextOf.Count(s, c);
        }
    }
}
