using DeviceAuth.Credentials;

namespace DeviceAuth.Mqtt
{
    /// <summary>
    /// The small surface the MQTT session needs from an MQTT client. The device implementation
    /// (<c>DeviceAuth.Mqtt.Device.M2MqttTransport</c>) wraps nanoFramework.M2Mqtt's <c>MqttClient</c>;
    /// tests use a scripted one. Calls come from one thread at a time (the session's driver), except
    /// <see cref="Publish"/>, which the application may call while the driver runs.
    /// </summary>
    public interface IMqttTransport
    {
        /// <summary>Sets who is told about connection loss and incoming messages.</summary>
        /// <param name="listener">The listener (the session).</param>
        void SetListener(IMqttTransportListener listener);

        /// <summary>
        /// Opens a new network connection (resolving the broker name again) and sends CONNECT.
        /// Any previous connection is dropped first.
        /// </summary>
        /// <param name="credentials">Client id, username and password for the CONNECT packet.</param>
        /// <param name="protocolLevel">The MQTT version to speak on this connection.</param>
        /// <param name="cleanSession">The CONNECT clean-session flag (MQTT 5: clean start).</param>
        /// <param name="keepAliveSeconds">The CONNECT keep-alive, in seconds.</param>
        /// <returns>
        /// The CONNACK code as received: 0 when accepted, otherwise an MQTT 3.1.1 return code (1-5) or an
        /// MQTT 5 reason code (0x80-0xFF); the two ranges do not overlap, so the value alone says which
        /// (<see cref="ReasonCodePolicy.ForConnack"/> maps both). Never a reason string.
        /// </returns>
        /// <exception cref="System.Exception">The connection could not be opened (DNS, TCP, TLS, timeout, no CONNACK).</exception>
        int Connect(MqttConnectCredentials credentials, MqttProtocolLevel protocolLevel, bool cleanSession, int keepAliveSeconds);

        /// <summary>
        /// Subscribes to topics on the current connection. Throws when the connection is gone
        /// (<see cref="IsConnected"/> false: the session reconnects) or when the library refuses a filter
        /// (<see cref="IsConnected"/> still true: the session forgets that filter and reports it).
        /// </summary>
        /// <param name="topics">Topic filters.</param>
        /// <param name="qosLevels">Requested QoS per filter (0-2).</param>
        void Subscribe(string[] topics, byte[] qosLevels);

        /// <summary>Unsubscribes from topics on the current connection.</summary>
        /// <param name="topics">Topic filters.</param>
        void Unsubscribe(string[] topics);

        /// <summary>
        /// Publishes on the current connection. Throws when the connection is gone (<see cref="IsConnected"/>
        /// false: the session queues the message again and reconnects) or when the library refuses the
        /// message (<see cref="IsConnected"/> still true: the session drops that message and reports it).
        /// </summary>
        /// <param name="topic">The topic.</param>
        /// <param name="payload">The payload.</param>
        /// <param name="qos">QoS 0-2.</param>
        /// <param name="retain">The retain flag.</param>
        void Publish(string topic, byte[] payload, byte qos, bool retain);

        /// <summary>Ends the current connection politely (DISCONNECT, then close). Never throws; does not report <see cref="IMqttTransportListener.OnConnectionLost(int)"/>.</summary>
        void Disconnect();

        /// <summary>True while a connection is open.</summary>
        bool IsConnected { get; }
    }
}
