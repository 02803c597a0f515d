using System;
using System.Collections;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// The bounded queue of messages published while disconnected. Policy: first in, first out;
    /// bounded by a message count and a byte total (payload + topic); when a new message does not
    /// fit, the <b>oldest</b> messages are dropped until it does (recent telemetry is worth more than
    /// stale telemetry, and the device's heap is small); a message larger than the whole byte
    /// capacity is rejected. All QoS levels are queued alike; the queue lives in RAM only (a reboot
    /// loses it). Not thread-safe: the session locks.
    /// </summary>
    public sealed class OutgoingQueue
    {
        private readonly ArrayList _items = new ArrayList();
        private int _bytes;

        /// <summary>Creates a queue.</summary>
        /// <param name="capacityMessages">Most messages held (0 disables queueing).</param>
        /// <param name="capacityBytes">Most bytes held.</param>
        public OutgoingQueue(int capacityMessages, int capacityBytes)
        {
            if (capacityMessages < 0)
            {
                throw new ArgumentOutOfRangeException("capacityMessages", "The message capacity cannot be negative.");
            }

            if (capacityBytes < 0)
            {
                throw new ArgumentOutOfRangeException("capacityBytes", "The byte capacity cannot be negative.");
            }

            CapacityMessages = capacityMessages;
            CapacityBytes = capacityBytes;
        }

        /// <summary>Most messages held.</summary>
        public int CapacityMessages { get; }

        /// <summary>Most bytes held.</summary>
        public int CapacityBytes { get; }

        /// <summary>Messages held.</summary>
        public int Count
        {
            get { return _items.Count; }
        }

        /// <summary>Bytes held.</summary>
        public int Bytes
        {
            get { return _bytes; }
        }

        /// <summary>Messages dropped (oldest-first) or rejected since creation.</summary>
        public int Dropped { get; private set; }

        /// <summary>Adds a message at the tail, dropping the oldest ones when needed.</summary>
        /// <param name="message">The message.</param>
        /// <returns><see cref="PublishResult.Queued"/>, <see cref="PublishResult.QueuedDroppedOldest"/> or <see cref="PublishResult.Rejected"/>.</returns>
        public PublishResult Enqueue(OutgoingMessage message)
        {
            if (message == null)
            {
                throw new ArgumentNullException("message");
            }

            int size = message.Size;
            if (CapacityMessages == 0 || size > CapacityBytes)
            {
                Dropped++;
                return PublishResult.Rejected;
            }

            bool dropped = false;
            while (_items.Count > 0 && (_items.Count >= CapacityMessages || _bytes + size > CapacityBytes))
            {
                OutgoingMessage oldest = (OutgoingMessage)_items[0];
                _items.RemoveAt(0);
                _bytes -= oldest.Size;
                Dropped++;
                dropped = true;
            }

            _items.Add(message);
            _bytes += size;
            return dropped ? PublishResult.QueuedDroppedOldest : PublishResult.Queued;
        }

        /// <summary>Puts a message back at the head (a send that failed during a flush). Never drops it: the capacity may be exceeded by this one message until the next flush.</summary>
        /// <param name="message">The message.</param>
        public void PushFront(OutgoingMessage message)
        {
            if (message == null)
            {
                throw new ArgumentNullException("message");
            }

            _items.Insert(0, message);
            _bytes += message.Size;
        }

        /// <summary>Removes and returns the head, or null when empty.</summary>
        public OutgoingMessage Dequeue()
        {
            if (_items.Count == 0)
            {
                return null;
            }

            OutgoingMessage head = (OutgoingMessage)_items[0];
            _items.RemoveAt(0);
            _bytes -= head.Size;
            return head;
        }

        /// <summary>Removes every message.</summary>
        public void Clear()
        {
            _items.Clear();
            _bytes = 0;
        }
    }
}
