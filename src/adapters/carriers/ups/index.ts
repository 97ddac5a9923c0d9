import { UpsClient } from './client.js';
import { upsRateRequest, upsRatesFromResponse, type CarrierMessage, type LiveQuote, type UpsAccountSettings, type UpsRateRequest } from './rating.js';

export { UPS_BASE_URLS, UpsClient, type UpsClientOptions } from './client.js';
export { UPS_SERVICES, type CarrierMessage, type LiveQuote, type UpsAccountSettings, type UpsRateRequest } from './rating.js';

/**
 * UPS's rates for a shipment: the mapper builds the request, the client sends it, the mapper
 * reads the answer. A carrier failure is the messages with nothing quoted, never an exception.
 */
export async function upsRates(client: UpsClient, req: UpsRateRequest, account: UpsAccountSettings): Promise<{ quotes: LiveQuote[]; messages: CarrierMessage[] }> {
  const answer = await client.rate(upsRateRequest(req, account), req.serviceCode ? 'Rate' : 'Shop');
  if (!answer.ok) return { quotes: [], messages: answer.messages };
  return upsRatesFromResponse(answer.body);
}
