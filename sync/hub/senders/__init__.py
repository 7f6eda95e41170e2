"""The hub's SMS senders, one per provider (Alibaba Cloud, Tencent Cloud, a GSM modem), behind
`sync.hub.sms.SmsSender` (docs/GATEWAYS.md)."""
