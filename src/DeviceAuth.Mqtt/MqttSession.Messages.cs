using System;

namespace DeviceAuth.Mqtt
{
    // MqttSession, part: subscriptions and messages (subscribe, publish, restore on connect, flush the queue, what the client library refuses).
    public sealed partial class MqttSession
    {
        /// <summary>Subscribes to a topic filter now (when connected) and on every later connect.</summary>
        /// <param name="topic">The topic filter.</param>
        /// <param name="qos">Requested QoS, 0-2.</param>
        /// <exception cref="ArgumentException">The filter is not a valid MQTT topic filter (see <see cref="IotTopic.ValidateFilter"/>).</exception>
        public void Subscribe(string topic, int qos)
        {
            IotTopic.ValidateFilter(topic);

            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException("qos", "QoS must be 0, 1 or 2.");
            }

            bool connected;
            lock (_sync)
            {
                _subscriptions.Set(topic, (byte)qos);
                connected = _state == MqttSessionState.Connected;
            }

            if (connected)
            {
                try
                {
                    _transport.Subscribe(new string[] { topic }, new byte[] { (byte)qos });
                }
                catch (Exception e)
                {
                    OnTransportRefusedSubscription(topic, e);
                }
            }
        }

        /// <summary>Forgets a topic filter and unsubscribes now when connected.</summary>
        /// <param name="topic">The topic filter.</param>
        public void Unsubscribe(string topic)
        {
            if (topic == null || topic.Length == 0)
            {
                throw new ArgumentException("The topic must not be empty.", "topic");
            }

            bool connected;
            lock (_sync)
            {
                if (!_subscriptions.Remove(topic))
                {
                    return;
                }

                connected = _state == MqttSessionState.Connected;
            }

            if (connected)
            {
                try
                {
                    _transport.Unsubscribe(new string[] { topic });
                }
                catch (Exception)
                {
                    // Refused while connected: the filter is forgotten either way (not restored on the next connect).
                    if (!_transport.IsConnected)
                    {
                        OnConnectionLost(MqttReasonCodes.None);
                    }
                }
            }
        }

        /// <summary>Publishes now when connected; otherwise queues (see <see cref="OutgoingQueue"/> for the policy).</summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload (not copied: do not modify it afterwards).</param>
        /// <param name="qos">QoS, 0-2.</param>
        /// <param name="retain">The retain flag.</param>
        /// <returns>What happened to the message.</returns>
        /// <exception cref="ArgumentException">The topic is not a valid MQTT topic name (see <see cref="IotTopic.ValidateName"/>).</exception>
        public PublishResult Publish(string topic, byte[] payload, int qos, bool retain)
        {
            IotTopic.ValidateName(topic);

            if (payload == null)
            {
                throw new ArgumentNullException("payload");
            }

            if (qos < 0 || qos > 2)
            {
                throw new ArgumentOutOfRangeException("qos", "QoS must be 0, 1 or 2.");
            }

            OutgoingMessage message = new OutgoingMessage(topic, payload, (byte)qos, retain);
            PublishResult result;
            lock (_sync)
            {
                if (_state != MqttSessionState.Connected)
                {
                    result = _queue.Enqueue(message);
                }
                else
                {
                    result = PublishResult.Sent;
                }
            }

            if (result == PublishResult.Sent)
            {
                try
                {
                    _transport.Publish(topic, payload, (byte)qos, retain);
                    return PublishResult.Sent;
                }
                catch (Exception e)
                {
                    if (_transport.IsConnected)
                    {
                        // The library refused this message, the connection is fine: never requeue it.
                        RejectedByTransport(e);
                        return PublishResult.RejectedByTransport;
                    }

                    lock (_sync)
                    {
                        result = _queue.Enqueue(message);
                    }

                    OnConnectionLost(MqttReasonCodes.None);
                }
            }

            if (result == PublishResult.QueuedDroppedOldest || result == PublishResult.Rejected)
            {
                Report(MqttSessionEvent.MessageDropped, -1, null);
            }

            return result;
        }

        /// <summary>Transport callback: a message arrived.</summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload.</param>
        public void OnMessageReceived(string topic, byte[] payload)
        {
            MqttMessageHandler handler;
            lock (_sync)
            {
                handler = _messageReceived;
            }

            if (handler != null)
            {
                handler(this, topic, payload);
            }
        }

        private void RestoreSubscriptions()
        {
            string[] topics;
            byte[] qos;
            lock (_sync)
            {
                if (_state != MqttSessionState.Connected || _subscriptions.Count == 0)
                {
                    return;
                }

                topics = _subscriptions.CopyTopics();
                qos = _subscriptions.CopyQosLevels();
            }

            try
            {
                _transport.Subscribe(topics, qos);
                return;
            }
            catch (Exception e)
            {
                if (!_transport.IsConnected)
                {
                    OnConnectionLost(MqttReasonCodes.None);
                    return;
                }

                if (topics.Length == 1)
                {
                    OnTransportRefusedSubscription(topics[0], e);
                    return;
                }
            }

            // Refused while connected: one by one, so only the filters the library refuses are dropped.
            for (int i = 0; i < topics.Length; i++)
            {
                try
                {
                    _transport.Subscribe(new string[] { topics[i] }, new byte[] { qos[i] });
                }
                catch (Exception e)
                {
                    if (!OnTransportRefusedSubscription(topics[i], e))
                    {
                        return;
                    }
                }
            }
        }

        /// <summary>A subscribe call threw: a lost connection when the transport says so, otherwise the library refused that filter (forgotten and reported).</summary>
        /// <returns>True when the connection is still up.</returns>
        private bool OnTransportRefusedSubscription(string topic, Exception error)
        {
            if (!_transport.IsConnected)
            {
                OnConnectionLost(MqttReasonCodes.None);
                return false;
            }

            lock (_sync)
            {
                _subscriptions.Remove(topic);
            }

            Report(MqttSessionEvent.SubscriptionFailed, -1, error.GetType().Name);
            return true;
        }

        private void RejectedByTransport(Exception error)
        {
            lock (_sync)
            {
                _rejectedMessages++;
            }

            Report(MqttSessionEvent.MessageDropped, -1, error.GetType().Name);
        }

        private void Flush()
        {
            while (true)
            {
                OutgoingMessage message;
                lock (_sync)
                {
                    if (_state != MqttSessionState.Connected)
                    {
                        return;
                    }

                    message = _queue.Dequeue();
                }

                if (message == null)
                {
                    return;
                }

                try
                {
                    _transport.Publish(message.Topic, message.Payload, message.Qos, message.Retain);
                }
                catch (Exception e)
                {
                    if (_transport.IsConnected)
                    {
                        // Refused by the library on a working connection: drop it, send the rest.
                        RejectedByTransport(e);
                        continue;
                    }

                    lock (_sync)
                    {
                        _queue.PushFront(message);
                    }

                    OnConnectionLost(MqttReasonCodes.None);
                    return;
                }
            }
        }
    }
}
