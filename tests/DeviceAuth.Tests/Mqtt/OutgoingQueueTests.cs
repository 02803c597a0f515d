using System;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using nanoFramework.TestFramework;

namespace DeviceAuth.Tests.Mqtt
{
    [TestClass]
    public class OutgoingQueueTests
    {
        private static OutgoingMessage Message(string topic, int size)
        {
            return new OutgoingMessage(topic, new byte[size], 1, false);
        }

        [TestMethod]
        public void Fifo_WithinCapacity()
        {
            OutgoingQueue queue = new OutgoingQueue(3, 1000);
            Assert.AreEqual((int)PublishResult.Queued, (int)queue.Enqueue(Message("a", 10)));
            Assert.AreEqual((int)PublishResult.Queued, (int)queue.Enqueue(Message("b", 10)));
            Assert.AreEqual(2, queue.Count);
            Assert.AreEqual(22, queue.Bytes);
            Assert.AreEqual("a", queue.Dequeue().Topic);
            Assert.AreEqual("b", queue.Dequeue().Topic);
            Assert.IsNull(queue.Dequeue());
            Assert.AreEqual(0, queue.Bytes);
        }

        [TestMethod]
        public void CountFull_DropsTheOldest()
        {
            OutgoingQueue queue = new OutgoingQueue(2, 1000);
            queue.Enqueue(Message("a", 1));
            queue.Enqueue(Message("b", 1));
            Assert.AreEqual((int)PublishResult.QueuedDroppedOldest, (int)queue.Enqueue(Message("c", 1)));
            Assert.AreEqual(1, queue.Dropped);
            Assert.AreEqual("b", queue.Dequeue().Topic);
            Assert.AreEqual("c", queue.Dequeue().Topic);
        }

        [TestMethod]
        public void BytesFull_DropsAsManyOldestAsNeeded()
        {
            OutgoingQueue queue = new OutgoingQueue(10, 100);
            queue.Enqueue(Message("a", 29));
            queue.Enqueue(Message("b", 29));
            queue.Enqueue(Message("c", 29));
            Assert.AreEqual((int)PublishResult.QueuedDroppedOldest, (int)queue.Enqueue(Message("d", 59)));
            Assert.AreEqual(2, queue.Dropped);
            Assert.AreEqual(2, queue.Count);
            Assert.AreEqual("c", queue.Dequeue().Topic);
            Assert.AreEqual("d", queue.Dequeue().Topic);
        }

        [TestMethod]
        public void Oversized_IsRejected_AndDisabledQueueRejectsAll()
        {
            OutgoingQueue queue = new OutgoingQueue(10, 100);
            queue.Enqueue(Message("a", 10));
            Assert.AreEqual((int)PublishResult.Rejected, (int)queue.Enqueue(Message("big", 100)));
            Assert.AreEqual(1, queue.Count, "a rejected message does not evict others");
            Assert.AreEqual((int)PublishResult.Rejected, (int)new OutgoingQueue(0, 100).Enqueue(Message("a", 1)));
        }

        [TestMethod]
        public void PushFront_RestoresTheHead()
        {
            OutgoingQueue queue = new OutgoingQueue(2, 100);
            queue.Enqueue(Message("a", 1));
            queue.Enqueue(Message("b", 1));
            OutgoingMessage head = queue.Dequeue();
            queue.PushFront(head);
            Assert.AreEqual("a", queue.Dequeue().Topic);
        }
    }
}
