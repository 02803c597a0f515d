using System;
using System.Linq;
using DeviceAuth.Lifetime;
using DeviceAuth.Mqtt;
using Xunit;

namespace DeviceAuth.HostTests.Mqtt
{
    /// <summary>
    /// A message or subscription the client library refuses is not a lost connection: topics are
    /// validated before they are queued, a refusal while connected drops (and reports) that one item
    /// and never starts a reconnect loop, and an exception escaping a tick never leaves the session
    /// spinning in Connecting.
    /// </summary>
    public class MqttSessionRejectionTests
    {
        private static LifetimeOptions Options(int refresh = 86400, int disconnect = 86400) => new LifetimeOptions(refresh, disconnect);

        /// <summary>Like M2Mqtt: a publish topic with a wildcard is refused while connected.</summary>
        private static bool HasWildcard(string topic) => topic.IndexOf('+') >= 0 || topic.IndexOf('#') >= 0;

        [Theory]
        [InlineData("telemetry/+")]
        [InlineData("telemetry/#")]
        [InlineData("")]
        [InlineData("a\0b")]
        public void Publish_OfAnInvalidTopic_ThrowsBeforeQueueing_Connected_OrNot(string topic)
        {
            var w = new MqttWorld(Options());
            w.Broker.RejectsPublish = HasWildcard;
            Assert.Throws<ArgumentException>(() => w.Session.Publish(topic, new byte[] { 1 }, 1, false));
            Assert.Equal(0, w.Session.QueuedMessages);
            w.Session.Start();
            w.RunFor(TimeSpan.FromSeconds(1));
            Assert.Throws<ArgumentException>(() => w.Session.Publish(topic, new byte[] { 1 }, 1, false));
            w.RunFor(TimeSpan.FromHours(6));
            Assert.Equal(0, w.Session.ConnectionsLost);
            Assert.Empty(w.Broker.Published);
        }

        [Fact]
        public void Publish_OfATopicLongerThanAwsIots256Utf8Bytes_Throws()
        {
            var w = new MqttWorld(Options());

            // 129 two-byte characters: 258 bytes.
            string topic = new string('é', 129);
            Assert.Throws<ArgumentException>(() => w.Session.Publish(topic, new byte[1], 0, false));
            Assert.Equal(0, w.Session.QueuedMessages);

            // 256 bytes is the limit (AWS IoT Core's data plane), not over it.
            IotTopic.ValidateName(new string('é', 127) + "ab");
            Assert.Throws<ArgumentException>(() => IotTopic.ValidateName(new string('é', 127) + "abc"));
            IotTopic.ValidateFilter(new string('é', 126) + "a/#");
            Assert.Throws<ArgumentException>(() => IotTopic.ValidateFilter(new string('é', 128) + "/#"));
            Assert.Throws<ArgumentException>(() => IotTopic.ValidateName(new string('é', 32767) + "a"));

            // A surrogate pair is 4 UTF-8 bytes; an unpaired surrogate has no UTF-8 form.
            IotTopic.ValidateName("\ud83d\ude00");
            Assert.Throws<ArgumentException>(() => IotTopic.ValidateName("a\ud83d"));
            Assert.Throws<ArgumentException>(() => IotTopic.ValidateName("\ude00a"));
        }

        [Theory]
        [InlineData("cmd/#/x")]
        [InlineData("cmd/a#")]
        [InlineData("cmd/+a")]
        [InlineData("cmd/a+/b")]
        [InlineData("")]
        [InlineData("a\0")]
        public void Subscribe_ToAnInvalidFilter_Throws_AndIsNotRemembered(string filter)
        {
            var w = new MqttWorld(Options());
            Assert.Throws<ArgumentException>(() => w.Session.Subscribe(filter, 0));
            w.Session.Start();
            w.RunFor(TimeSpan.FromSeconds(1));
            Assert.Empty(w.Broker.SubscriptionsPerConnection[0]);
        }

        [Theory]
        [InlineData("#")]
        [InlineData("+")]
        [InlineData("cmd/#")]
        [InlineData("+/+/x")]
        [InlineData("/")]
        [InlineData("$aws/things/d/shadow/update/accepted")]
        public void Subscribe_ToAValidFilter_IsAccepted(string filter)
        {
            var w = new MqttWorld(Options());
            w.Session.Subscribe(filter, 1);
            w.Session.Start();
            w.RunFor(TimeSpan.FromSeconds(1));
            Assert.Equal(new[] { filter }, w.Broker.SubscriptionsPerConnection[0]);
        }

        [Fact]
        public void QueuedMessageTheTransportRefuses_IsDroppedAndReported_TheMessageBehindItIsDelivered_NoReconnectLoop()
        {
            var w = new MqttWorld(Options());
            w.Broker.RejectsPublish = t => t == "refused/by/library";
            Assert.Equal(PublishResult.Queued, w.Session.Publish("refused/by/library", new byte[] { 1 }, 1, false));
            Assert.Equal(PublishResult.Queued, w.Session.Publish("telemetry", new byte[] { 2 }, 1, false));
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(6));

            Assert.Equal(0, w.Session.ConnectionsLost);
            Assert.True(w.Broker.Attempts.Count <= 2, w.Broker.Attempts.Count + " connection attempts in 6 h");
            Assert.Equal(new[] { "telemetry" }, w.Broker.Published.Select(p => p.Topic));
            Assert.Equal(0, w.Session.QueuedMessages);
            Assert.Equal(1, w.Session.RejectedMessages);
            Assert.Single(w.Statuses, s => s.Status.Event == MqttSessionEvent.MessageDropped);
            Assert.Equal(MqttSessionState.Connected, w.Session.State);
        }

        [Fact]
        public void MessageTheTransportRefusesWhileConnected_IsReportedToTheCaller_NotQueued_NoReconnect()
        {
            var w = new MqttWorld(Options());
            w.Broker.RejectsPublish = t => t == "refused/by/library";
            w.Session.Start();
            w.RunFor(TimeSpan.FromSeconds(1));
            Assert.Equal(PublishResult.RejectedByTransport, w.Session.Publish("refused/by/library", new byte[] { 1 }, 1, false));
            Assert.Equal(PublishResult.Sent, w.Session.Publish("telemetry", new byte[] { 2 }, 1, false));
            w.RunFor(TimeSpan.FromHours(1));
            Assert.Equal(0, w.Session.ConnectionsLost);
            Assert.Equal(0, w.Session.QueuedMessages);
            Assert.Single(w.Broker.Attempts);
            Assert.Equal(new[] { "telemetry" }, w.Broker.Published.Select(p => p.Topic));
            Assert.Single(w.Statuses, s => s.Status.Event == MqttSessionEvent.MessageDropped);
        }

        [Fact]
        public void PublishFailingBecauseTheConnectionIsGone_IsQueued_AndReconnects()
        {
            var w = new MqttWorld(Options());
            w.Session.Start();
            w.RunFor(TimeSpan.FromSeconds(1));

            // The connection dies without the transport telling the session yet.
            w.Broker.Disconnect();
            Assert.Equal(PublishResult.Queued, w.Session.Publish("telemetry", new byte[] { 1 }, 1, false));
            Assert.Equal(MqttSessionState.Reconnecting, w.Session.State);
            w.RunFor(TimeSpan.FromMinutes(2));
            Assert.Equal(2, w.Broker.Accepted.Count());
            Assert.Equal(new[] { "telemetry" }, w.Broker.Published.Select(p => p.Topic));
        }

        [Fact]
        public void SubscriptionTheTransportRefusesWhileConnected_IsDroppedAndReported_OthersAreRestored_NoReconnectLoop()
        {
            var w = new MqttWorld(Options(3600, 3600), tokenLifetimeSeconds: 7200);
            w.Broker.DisconnectAfterMs = 3600_000;
            w.Broker.RejectsSubscription = f => f == "cmd/refused";
            w.Session.Subscribe("cmd/a", 1);
            w.Session.Subscribe("cmd/refused", 1);
            w.Session.Subscribe("cmd/b", 0);
            w.Session.Start();
            w.RunFor(TimeSpan.FromHours(6));

            Assert.Equal(0, w.Session.ConnectionsLost);
            Assert.Empty(w.Broker.ServiceCuts);
            Assert.True(w.Broker.Attempts.Count <= 8, w.Broker.Attempts.Count + " connection attempts in 6 h");
            Assert.All(w.Broker.SubscriptionsPerConnection, s => Assert.Equal(new[] { "cmd/a", "cmd/b" }, s.OrderBy(x => x)));
            Assert.Single(w.Statuses, s => s.Status.Event == MqttSessionEvent.SubscriptionFailed);

            // Subscribing to it again while connected: refused, reported, still connected.
            w.Session.Subscribe("cmd/refused", 0);
            Assert.Equal(MqttSessionState.Connected, w.Session.State);
            Assert.Equal(2, w.Statuses.Count(s => s.Status.Event == MqttSessionEvent.SubscriptionFailed));
        }

        [Fact]
        public void ExceptionDuringAProactiveReconnect_DoesNotLeaveTheSessionSpinningInConnecting()
        {
            // The probe: the transport's Disconnect throws during the proactive reconnect.
            var w = new MqttWorld(Options(3600, 3600), tokenLifetimeSeconds: 7200);
            w.Broker.DisconnectAfterMs = 3600_000;
            w.Session.Start();
            w.RunFor(TimeSpan.FromMinutes(1));
            w.Broker.DisconnectThrows = 1;
            w.RunFor(TimeSpan.FromHours(4), likeDriver: true);

            Assert.Equal(0, w.Broker.DisconnectThrows);
            Assert.Equal(0, w.TickExceptions);
            Assert.Empty(w.Broker.ServiceCuts);
            Assert.True(w.Broker.Accepted.Count() >= 4, w.Broker.Accepted.Count() + " connections in 4 h with a 1 h cap");
            Assert.True(w.MaxAttemptsPerMinute() <= w.Lifetime.MaxAttemptsPerMinute);
            Assert.Equal(MqttSessionState.Connected, w.Session.State);
        }
    }
}
