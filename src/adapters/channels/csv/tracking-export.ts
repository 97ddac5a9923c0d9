import type { ChannelWriteBack, ShipmentRepo } from '../../../shipments/ports.js';

/**
 * The CSV channel's write-back: each tracking number becomes a row of the tenant's tracking
 * export (`GET /v1/exports/tracking.csv`), once per order and number however often it is sent.
 * Orders from channels without their own adapter yet are written back here too.
 */
export class CsvTrackingExport implements ChannelWriteBack {
  constructor(private readonly repo: ShipmentRepo) {}

  async pushTracking(tenantId: string, item: Parameters<ChannelWriteBack['pushTracking']>[1]): Promise<void> {
    await this.repo.addTrackingExports(
      tenantId,
      item.trackingNumbers.map((tn, k) => ({
        orderId: item.orderId, trackingNumber: tn, channel: item.channel, externalId: item.externalId, carrier: item.carrier, service: item.service, trackingUrl: item.trackingUrls[k]!,
      })),
    );
  }
}
