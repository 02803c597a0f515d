using System.Collections.Generic;
using System.Threading.Tasks;

namespace GateBadSample
{
    public class BadSample
    {
        public int GenericList()
        {
            List<int> numbers = new List<int>();
            numbers.Add(1);
            return numbers.Count;
        }

        public string JoinIsHostOnly(string[] parts)
        {
            return string.Join(",", parts);
        }

        public string[] SplitBindsTheHostOverload(string s)
        {
            return s.Split(',');
        }

        public bool StartsWithIsCultureSensitiveOnTheHost(string s)
        {
            return s.StartsWith("https://");
        }

        public async Task<int> AsyncIsNotOnTheDevice()
        {
            await Task.Yield();
            return 1;
        }
    }

    public class AcceptedByRule
    {
        private readonly object _gate = new object();
        private int _count;

        public void Lock()
        {
            lock (_gate)
            {
                _count++;
            }
        }

        public string ParamsBinding(int a, string b)
        {
            return string.Format("{0} {1}", a, b);
        }

        public string[] SplitWrittenForTheDevice(string s)
        {
            return s.Split(new char[] { ',' });
        }
    }
}
