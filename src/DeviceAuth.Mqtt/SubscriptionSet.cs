using System;
using System.Collections;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// The topic filters a session restores on every connect, each with its requested QoS, in the
    /// order they were first subscribed. Subscribing again to a filter updates its QoS in place.
    /// Not thread-safe: the session locks.
    /// </summary>
    public sealed class SubscriptionSet
    {
        private readonly ArrayList _topics = new ArrayList();
        private readonly ArrayList _qos = new ArrayList();

        /// <summary>Filters held.</summary>
        public int Count
        {
            get { return _topics.Count; }
        }

        /// <summary>Adds a filter, or updates the QoS of one already held.</summary>
        /// <param name="topic">The topic filter (validated by the caller).</param>
        /// <param name="qos">Requested QoS, 0-2.</param>
        public void Set(string topic, byte qos)
        {
            if (topic == null)
            {
                throw new ArgumentNullException("topic");
            }

            int index = _topics.IndexOf(topic);
            if (index >= 0)
            {
                _qos[index] = qos;
                return;
            }

            _topics.Add(topic);
            _qos.Add(qos);
        }

        /// <summary>Forgets a filter.</summary>
        /// <param name="topic">The topic filter.</param>
        /// <returns>True when it was held.</returns>
        public bool Remove(string topic)
        {
            int index = _topics.IndexOf(topic);
            if (index < 0)
            {
                return false;
            }

            _topics.RemoveAt(index);
            _qos.RemoveAt(index);
            return true;
        }

        /// <summary>A copy of the filters, in subscription order.</summary>
        public string[] CopyTopics()
        {
            string[] topics = new string[_topics.Count];
            for (int i = 0; i < topics.Length; i++)
            {
                topics[i] = (string)_topics[i];
            }

            return topics;
        }

        /// <summary>A copy of the requested QoS levels, parallel to <see cref="CopyTopics"/>.</summary>
        public byte[] CopyQosLevels()
        {
            byte[] qos = new byte[_qos.Count];
            for (int i = 0; i < qos.Length; i++)
            {
                qos[i] = (byte)_qos[i];
            }

            return qos;
        }
    }
}
