# Slipway example: answers on $PORT with a greeting and the version read from ./VERSION.
# Standard library only (socket), so it runs without any gem server.
require "cgi"
require "socket"

NAME = "ruby-hello"
PORT = Integer(ENV.fetch("PORT", "5000"))
HOST = ENV.fetch("HOST", "0.0.0.0")
# Read once at start: a new version is a new release, not a file edited under a running one.
VERSION = File.read(File.join(__dir__, "VERSION")).strip

PAGE = <<~HTML
  <!doctype html>
  <html lang="en">
  <head><meta charset="utf-8"><title>Hello from #{NAME}</title></head>
  <body>
    <h1>Hello from #{NAME}</h1>
    <p class="version">Version: #{CGI.escapeHTML(VERSION)}</p>
    <p>Ruby #{RUBY_VERSION}, pid #{Process.pid}</p>
  </body>
  </html>
HTML

def reply(client, status, type, body)
  client.write("HTTP/1.1 #{status}\r\nContent-Type: #{type}\r\nContent-Length: #{body.bytesize}\r\n" \
               "Connection: close\r\n\r\n")
  client.write(body)
end

def serve(client)
  request_line = client.gets or return
  # Read the headers up to the blank line; the request has no body that matters here.
  while (line = client.gets) && line != "\r\n"; end
  path = request_line.split(" ")[1].to_s.split("?").first
  case path
  when "/healthz" then reply(client, "200 OK", "text/plain", "ok\n")
  when "/" then reply(client, "200 OK", "text/html; charset=utf-8", PAGE)
  else reply(client, "404 Not Found", "text/html; charset=utf-8", "<p>Not found: #{CGI.escapeHTML(path)}</p>\n")
  end
rescue IOError, SystemCallError => e
  warn "#{NAME}: #{e.class}: #{e.message}"
ensure
  client.close
end

server = TCPServer.new(HOST, PORT)
%w[TERM INT].each do |signal|
  trap(signal) do
    puts "#{NAME}: SIG#{signal}, closing"
    exit 0
  end
end
$stdout.sync = true
puts "#{NAME} #{VERSION} listening on #{HOST}:#{PORT}"
loop do
  client = server.accept
  Thread.new(client) { |c| serve(c) }
end
