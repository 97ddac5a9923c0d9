import { Mapping, cleanTags, serviceLevel, type MappedOrder } from '../../../channels/channel-order.js';

type Json = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const LEVELS: Record<string, string> = { Expedited: 'expedited', NextDay: 'overnight', SameDay: 'overnight', SecondDay: 'expedited', Priority: 'expedited', FreeEconomy: 'economy', Standard: 'standard', Scheduled: 'standard' };

/**
 * Amazon SP-API orders: Orders v0 (`getOrders`/`getOrder`, with the items of `getOrderItems`
 * under `OrderItems`) or the 2026-01-01 `searchOrders`/`getOrder` shape (detected by `orderId`).
 */
export function mapAmazonOrder(o: Json): MappedOrder {
  return 'orderId' in o ? mapV2026(o) : mapV0(o);
}

function mapV0(o: Json): MappedOrder {
  const m = new Mapping();
  const id = String(o['AmazonOrderId']);
  const total = o['OrderTotal'] as { CurrencyCode?: string; Amount?: string } | undefined;
  const items = (o['OrderItems'] as Json[] | undefined) ?? [];
  const currency = total?.CurrencyCode ?? (items[0]?.['ItemPrice'] as { CurrencyCode?: string } | undefined)?.CurrencyCode ?? 'USD';
  const a = o['ShippingAddress'] as Json | undefined;
  const buyer = (o['BuyerInfo'] as Json | undefined) ?? {};
  const shipTo = a && s(a['AddressLine1'])
    ? {
        name: s(a['Name']), company: s(a['CompanyName']) ?? s((buyer['BuyerTaxInfo'] as Json | undefined)?.['CompanyLegalName']), line1: s(a['AddressLine1'])!, line2: s(a['AddressLine2']), line3: s(a['AddressLine3']),
        city: s(a['City']) ?? '', state: s(a['StateOrRegion']), postal_code: s(a['PostalCode']), country: s(a['CountryCode']) ?? 'US', phone: s(a['Phone']), email: s(buyer['BuyerEmail']),
        residential: s(a['AddressType']) === 'Commercial' ? false : s(a['AddressType']) === 'Residential' ? true : null,
      }
    : null;
  if (!shipTo) m.note('ShippingAddress', a ? 'no street line (restricted data: call getOrderAddress with a restricted data token)' : 'missing (restricted data: call getOrderAddress with a restricted data token)');
  if (!items.length) m.note('OrderItems', 'no items: add the getOrderItems payload under OrderItems');
  const lines = items.map((l, k) => {
    const q = Number(l['QuantityOrdered'] ?? 1) || 1;
    const price = l['ItemPrice'] as { Amount?: string; CurrencyCode?: string } | undefined;
    // ItemPrice is the line's total (price × quantity).
    const lineTotal = price?.Amount ? m.money(`OrderItems[${k}].ItemPrice`, price.Amount, price.CurrencyCode ?? currency) : null;
    return m.line(`OrderItems[${k}]`, { sku: s(l['SellerSKU']), name: s(l['Title']), quantity: q, unit_price: lineTotal !== null ? { amount: Math.round(lineTotal / q), currency: price?.CurrencyCode ?? currency } : null, fallbackId: s(l['ASIN']) });
  });
  const amount = total?.Amount ? m.money('OrderTotal', total.Amount, currency) : lines.reduce((t, l) => t + (l.unit_price?.amount ?? 0) * l.quantity, 0);
  if (!total?.Amount) m.note('OrderTotal', 'missing (pending orders have none): the sum of the item prices is used');
  const status = s(o['OrderStatus']) ?? '';
  const cod = s(o['PaymentMethod']) === 'COD';
  if (o['IsPrime'] === true) m.note('IsPrime', 'Prime: promise dates come from Amazon (LatestDeliveryDate), not from lastmile');
  const order = shipTo && lines.length
    ? {
        channel: 'amazon', external_id: id, ship_to: shipTo, lines, order_value: { amount, currency }, cod_amount: cod ? { amount, currency } : null,
        service_level: (LEVELS[s(o['ShipmentServiceLevelCategory']) ?? ''] ?? serviceLevel(s(o['ShipServiceLevel']))) as 'standard', customer_type: (o['IsBusinessOrder'] === true ? 'b2b' : 'b2c') as 'b2b' | 'b2c',
        tags: cleanTags([o['IsPrime'] === true ? 'prime' : null, s(o['FulfillmentChannel'])?.toLowerCase(), s(o['OrderType'])]), notes: null, placed_at: s(o['PurchaseDate']),
      }
    : null;
  return {
    channel: 'amazon', external_id: id, order, unmapped: m.unmapped,
    refs: { order_id: id, marketplace_id: s(o['MarketplaceId']), items: items.map((l) => ({ orderItemId: s(l['OrderItemId']), quantity: Number(l['QuantityOrdered'] ?? 1) || 1 })) },
    updated_at: s(o['LastUpdateDate']),
    state: { status, cancelled: status === 'Canceled', refunded: false, fulfilled: status === 'Shipped', paid: status !== 'Pending' },
  };
}

function mapV2026(o: Json): MappedOrder {
  const m = new Mapping();
  const id = String(o['orderId']);
  const proceeds = (o['proceeds'] as { grandTotal?: { amount?: string; currencyCode?: string } } | undefined)?.grandTotal;
  const currency = proceeds?.currencyCode ?? 'USD';
  const a = ((o['recipient'] as Json | undefined)?.['deliveryAddress'] as Json | undefined) ?? null;
  const buyer = (o['buyer'] as Json | undefined) ?? {};
  const shipTo = a && s(a['addressLine1'])
    ? {
        name: s(a['name']), company: s(a['companyName']), line1: s(a['addressLine1'])!, line2: s(a['addressLine2']), line3: s(a['addressLine3']),
        city: s(a['city']) ?? s(a['municipality']) ?? '', state: s(a['stateOrRegion']), postal_code: s(a['postalCode']), country: s(a['countryCode']) ?? 'US',
        phone: s(a['phone']), email: s(buyer['buyerEmail']), residential: s(a['addressType']) === 'COMMERCIAL' ? false : s(a['addressType']) === 'RESIDENTIAL' ? true : null,
      }
    : null;
  if (!shipTo) m.note('recipient.deliveryAddress', 'missing (restricted data, or not requested with includedData=RECIPIENT)');
  const pref = ((o['recipient'] as Json | undefined)?.['deliveryPreference'] as Json | undefined) ?? null;
  if (pref?.['deliveryTime']) m.note('recipient.deliveryPreference.deliveryTime', 'business hours: lastmile does not plan parcel delivery by hour');
  const items = (o['orderItems'] as Json[] | undefined) ?? [];
  const lines = items.map((l, k) => {
    const product = (l['product'] as Json | undefined) ?? {};
    const price = ((l['product'] as Json | undefined)?.['price'] as { unitPrice?: { amount?: string; currencyCode?: string } } | undefined)?.unitPrice;
    return m.line(`orderItems[${k}]`, {
      sku: s(product['sellerSku']), name: s(product['title']), quantity: Number(l['quantityOrdered'] ?? 1) || 1,
      unit_price: price?.amount ? { amount: m.money(`orderItems[${k}].product.price`, price.amount, price.currencyCode ?? currency), currency: price.currencyCode ?? currency } : null, fallbackId: s(product['asin']),
    });
  });
  if (!items.length) m.note('orderItems', 'no items (request includedData=ORDER_ITEMS)');
  const amount = m.money('proceeds.grandTotal', proceeds?.amount, currency);
  const f = (o['fulfillment'] as Json | undefined) ?? {};
  const status = s(f['fulfillmentStatus']) ?? '';
  const programs = (o['programs'] as string[] | undefined) ?? [];
  const payment = JSON.stringify(o['paymentMethods'] ?? o['payment'] ?? '');
  const cod = /COD|CASH_ON_DELIVERY/.test(payment);
  const order = shipTo && lines.length
    ? {
        channel: 'amazon', external_id: id, ship_to: shipTo, lines, order_value: { amount, currency }, cod_amount: cod ? { amount, currency } : null,
        service_level: serviceLevel(s(f['fulfillmentServiceLevel'])), customer_type: (programs.includes('AMAZON_BUSINESS') ? 'b2b' : 'b2c') as 'b2b' | 'b2c',
        tags: cleanTags(programs.map((p) => p.toLowerCase())), notes: s(pref?.['addressInstruction']), placed_at: s(o['createdTime']),
      }
    : null;
  return {
    channel: 'amazon', external_id: id, order, unmapped: m.unmapped,
    refs: { order_id: id, marketplace_id: s((o['salesChannel'] as Json | undefined)?.['marketplaceId']), items: items.map((l) => ({ orderItemId: s(l['orderItemId']), quantity: Number(l['quantityOrdered'] ?? 1) || 1 })) },
    updated_at: s(o['lastUpdatedTime']),
    state: { status, cancelled: status === 'CANCELLED', refunded: false, fulfilled: status === 'SHIPPED' || status === 'DELIVERED', paid: status !== 'PENDING' },
  };
}

/** Every order in an Amazon payload (getOrders, getOrder, searchOrders, or a list). */
export function amazonOrders(payload: unknown): Json[] {
  const p = payload as Json;
  if (Array.isArray(p)) return p as Json[];
  const body = (p['payload'] as Json | undefined) ?? p;
  if (Array.isArray(body['Orders'])) return body['Orders'] as Json[];
  if (Array.isArray(body['orders'])) return body['orders'] as Json[];
  if (body['order'] && typeof body['order'] === 'object') return [body['order'] as Json];
  return 'AmazonOrderId' in body || 'orderId' in body ? [body] : [];
}
